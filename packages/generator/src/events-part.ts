import { join } from 'node:path';
import { drawProfile } from './account-profile.js';
import { AccountEventsWriter } from './events.js';
import { simulateLifecycle } from './lifecycle.js';
import { TextSink } from './text-sink.js';
import { buildTimeline, SignupCalendar } from './timeline.js';

/** Everything a worker needs to write one events part on its own: plain data, so it can be posted. */
export interface EventsPartTask {
  readonly seed: number;
  readonly accounts: number;
  readonly months: number;
  readonly end: string;
  readonly gzipLevel: number;
  /**
   * The file's header line (`EVENTS.header`, source-tables.ts), passed in so a worker never loads the
   * source declarations (@pulse/models and the engine behind them) just to write it.
   */
  readonly header: string;
  /** Account indexes [first, last], 1-based. */
  readonly first: number;
  readonly last: number;
  readonly path: string;
}

export const ACCOUNTS_PER_EVENTS_PART = 5000;
const MIN_EVENTS_PARTS = 4;

/**
 * Splits the accounts into contiguous ranges, one `events/part-NNNN.csv.gz` each. The split depends only on
 * the account count, never on the number of workers, so the files are the same on any machine.
 */
export function planEventsParts(
  base: Omit<EventsPartTask, 'first' | 'last' | 'path'>,
  eventsDir: string,
): EventsPartTask[] {
  const parts = Math.min(
    base.accounts,
    Math.max(MIN_EVENTS_PARTS, Math.ceil(base.accounts / ACCOUNTS_PER_EVENTS_PART)),
  );
  return Array.from({ length: parts }, (_, part) => ({
    ...base,
    first: Math.floor((part * base.accounts) / parts) + 1,
    last: Math.floor(((part + 1) * base.accounts) / parts),
    path: join(eventsDir, `part-${String(part).padStart(4, '0')}.csv.gz`),
  }));
}

/** Writes one part; returns the number of distinct events in it. */
export async function writeEventsPart(task: EventsPartTask): Promise<number> {
  const timeline = buildTimeline(task.end, task.months);
  const signups = new SignupCalendar(timeline);
  const sink = TextSink.open(task.path, { gzipLevel: task.gzipLevel });
  try {
    sink.push(task.header);
    const writer = new AccountEventsWriter(timeline, task.seed, sink);
    let events = 0;
    for (let index = task.first; index <= task.last; index++) {
      const profile = drawProfile(task.seed, index, task.accounts, signups);
      events += await writer.write(profile, simulateLifecycle(profile, timeline, task.seed));
    }
    return events;
  } finally {
    await sink.close();
  }
}
