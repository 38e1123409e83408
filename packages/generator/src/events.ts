import { type AccountProfile, isForced } from './account-profile.js';
import { dayOf, MS_PER_DAY, MS_PER_HOUR } from './calendar.js';
import type { Lifecycle, UsageStint } from './lifecycle.js';
import { Random, Stream } from './random.js';
import type { TextSink } from './text-sink.js';
import type { Timeline } from './timeline.js';
import { formatTimestamp } from './timestamp-format.js';
import { activeUserCount, DayFactors } from './usage.js';

export const VALUE_EVENT = 'value_moment';

/** Tuned so 100k accounts over 24 months give about 50M events. */
const SESSION_PROBABILITY = 0.31;
const EXTRA_EVENTS_PER_SESSION = 2.5;
/** Usage tails off over the weeks before a churn. */
const FADE_DAYS = 45;
/** The same event exported twice (retried batch): dedup by event_id must catch it. */
const DUPLICATE_RATE = 0.0015;

const EVENT_MIX: readonly (readonly [string, number])[] = [
  ['view_dashboard', 40],
  ['login', 10],
  ['export_report', 10],
  ['create_report', 8],
  ['share_report', 7],
  ['update_settings', 4],
  ['invite_user', 3],
  [VALUE_EVENT, 3],
];
const MIX_TOTAL = EVENT_MIX.reduce((sum, [, weight]) => sum + weight, 0);

/** Appends one event row; `twice` writes it again (the same event exported twice). */
type Emit = (user: number, name: string, at: number, twice?: boolean) => void;

function pickEventName(random: Random): string {
  let target = random.next() * MIX_TOTAL;
  for (const [name, weight] of EVENT_MIX) {
    target -= weight;
    if (target < 0) return name;
  }
  return 'view_dashboard';
}

/**
 * Writes one account's product events: sessions of its active users on each day of its usage stints, the
 * first `value_moment` hours to weeks after signup (or never), and a few tracked before signup.
 */
export class AccountEventsWriter {
  readonly #timeline: Timeline;
  readonly #seed: number;
  readonly #sink: TextSink;
  readonly #days: DayFactors;

  constructor(timeline: Timeline, seed: number, sink: TextSink) {
    this.#timeline = timeline;
    this.#seed = seed;
    this.#sink = sink;
    this.#days = new DayFactors(timeline, 4);
  }

  /**
   * Returns the number of distinct events written (duplicated rows not counted). Rows are built by hand, in
   * the column order of `EVENTS` (source-tables.ts): this is the hot path, ~99% of the volume.
   */
  async write(profile: AccountProfile, lifecycle: Lifecycle): Promise<number> {
    const random = new Random(this.#seed, Stream.events, profile.index);
    const sink = this.#sink;
    const style = profile.eventTimestamps;
    const prefix = `e${profile.id}-`;
    const middle = `,${profile.id},u`;
    let sequence = 0;
    const emit: Emit = (user, name, at, twice = false) => {
      sequence++;
      const row = `${prefix}${sequence.toString(36)}${middle}${user},${name},${formatTimestamp(at, style)}\n`;
      sink.push(twice ? row + row : row);
    };

    let valueAt = Number.POSITIVE_INFINITY;
    if (random.chance(0.02) || isForced(profile.index, 89, 7)) {
      // Tracked before the account record exists (an SDK installed during a sales demo).
      const count = random.int(1, 4);
      const withValue = isForced(profile.index, 89, 7) || random.chance(0.3);
      for (let i = 0; i < count; i++) {
        const at = profile.createdAt - Math.floor(random.between(1, 72) * MS_PER_HOUR);
        const name = withValue && i === 0 ? VALUE_EVENT : random.chance(0.5) ? 'login' : 'view_dashboard';
        if (name === VALUE_EVENT) valueAt = at;
        emit(1, name, at);
      }
    }
    const firstStint = lifecycle.stints[0];
    if (
      valueAt === Number.POSITIVE_INFINITY &&
      firstStint &&
      random.chance(0.25 + 0.65 * profile.intensity)
    ) {
      const at = profile.createdAt + Math.floor(random.logNormal(40, 1.5) * MS_PER_HOUR);
      if (at < firstStint.endDay * MS_PER_DAY && at < this.#timeline.endInstant) {
        valueAt = at;
        emit(1, VALUE_EVENT, at);
      }
    }

    const maxSeats = lifecycle.seatSteps.reduce((max, step) => Math.max(max, step.seats), 1);
    const propensity = new Float64Array(activeUserCount(maxSeats) + 1);
    for (let user = 1; user < propensity.length; user++) {
      propensity[user] = random.between(0.3, 1) * (user === 1 ? 1.3 : 1);
    }
    for (const stint of lifecycle.stints) {
      await this.#writeStint(stint, profile, lifecycle, random, propensity, valueAt, emit);
    }
    return sequence;
  }

  async #writeStint(
    stint: UsageStint,
    profile: AccountProfile,
    lifecycle: Lifecycle,
    random: Random,
    propensity: Float64Array,
    valueAt: number,
    emit: Emit,
  ): Promise<void> {
    const { endInstant, lastDay } = this.#timeline;
    const offsetMs = profile.utcOffsetHours * MS_PER_HOUR;
    const steps = lifecycle.seatSteps;
    let step = 0;
    let seats = steps[0]?.seats ?? 1;
    const last = Math.min(stint.endDay - 1, lastDay);
    for (let day = dayOf(stint.start); day <= last; day++) {
      while (step < steps.length && steps[step]!.day <= day) seats = steps[step++]!.seats;
      const fade = stint.churned ? Math.min(1, Math.max(0.1, (stint.endDay - day) / FADE_DAYS)) : 1;
      const dayChance = this.#days.of(day) * profile.intensity * fade * SESSION_PROBABILITY;
      const users = Math.min(activeUserCount(seats), propensity.length - 1);
      for (let user = 1; user <= users; user++) {
        if (random.next() >= propensity[user]! * dayChance) continue;
        const localHour = Math.min(23.5, Math.max(6, random.normal() * 3 + 13));
        let at = day * MS_PER_DAY + Math.floor(localHour * MS_PER_HOUR) - offsetMs;
        const events = 1 + random.poisson(EXTRA_EVENTS_PER_SESSION);
        for (let i = 0; i < events; i++) {
          if (at >= stint.start && at < endInstant) {
            let name = i === 0 && random.chance(0.5) ? 'login' : pickEventName(random);
            if (name === VALUE_EVENT && at <= valueAt) name = 'view_dashboard';
            emit(user, name, at, random.next() < DUPLICATE_RATE);
          }
          at += random.int(5, 900) * 1000;
        }
      }
      if (this.#days.isMonthEnd(day) && random.chance(0.5 * profile.intensity * fade)) {
        // Month-end close: reports exported late in the evening, local time. West of UTC this is already the
        // next month in UTC (2024-03-31T22:00:00-05:00 is April 1st), so month bucketing must go through UTC.
        let at = day * MS_PER_DAY + Math.floor(random.between(21, 23.9) * MS_PER_HOUR) - offsetMs;
        for (const name of ['login', 'export_report', 'export_report']) {
          if (at >= stint.start && at < endInstant) emit(1, name, at);
          at += random.int(30, 400) * 1000;
        }
      }
      if (this.#sink.full) await this.#sink.flush();
    }
  }
}
