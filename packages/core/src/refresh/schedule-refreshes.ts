import { Cron } from 'croner';
import { isKnownTimeZone } from '../config/time-zone-name.js';
import { UsageError } from '../config/usage-error.js';

export interface ScheduleOptions {
  /** Cron pattern, 5 fields or 6 with seconds first (croner syntax), e.g. `0 3 * * *`. */
  readonly cron: string;
  /** IANA time zone of the pattern (default: the system's). */
  readonly timezone?: string;
  /** One refresh; must not throw (report failures itself). */
  readonly refresh: () => Promise<void>;
}

export interface Schedule {
  /** When the next refresh starts, or null when stopped. */
  nextRun(): Date | null;
  /** Stops scheduling and resolves once the refresh in flight, if any, has finished. */
  stop(): Promise<void>;
}

/**
 * Runs refreshes on a cron schedule in this process. Runs never overlap: a tick that comes while a
 * refresh is still running is skipped (croner `protect`), and stopping waits for the refresh in flight
 * instead of abandoning it, so a shutdown never half-publishes (a refresh publishes atomically anyway).
 */
export function scheduleRefreshes(options: ScheduleOptions): Schedule {
  let inFlight: Promise<void> | undefined;
  let job: Cron;
  if (options.timezone) checkTimeZone(options.timezone);
  try {
    job = new Cron(
      options.cron,
      { protect: true, ...(options.timezone ? { timezone: options.timezone } : {}) },
      async () => {
        inFlight = options.refresh();
        try {
          await inFlight;
        } finally {
          inFlight = undefined;
        }
      },
    );
  } catch (error) {
    throw new UsageError(
      `--cron "${options.cron}" is not a valid cron pattern (${(error as Error).message}); ` +
        'use 5 fields (minute hour day month weekday, e.g. "0 3 * * *") or 6 with seconds first.',
    );
  }
  if (job.nextRun() === null) {
    job.stop();
    throw new UsageError(
      `--cron "${options.cron}" never fires (no such date, e.g. February 31st): ` +
        'use a pattern with a date that comes, e.g. "0 3 * * *" for every day at 03:00.',
    );
  }
  return {
    nextRun: () => job.nextRun(),
    stop: async () => {
      job.stop();
      await inFlight;
    },
  };
}

/** An IANA time zone name (`Europe/Paris`), checked on its own so its error does not blame the pattern. */
function checkTimeZone(timezone: string): void {
  if (isKnownTimeZone(timezone)) return;
  throw new UsageError(
    `--timezone "${timezone}" is not a time zone: use an IANA name such as "Europe/Paris" or "UTC".`,
  );
}
