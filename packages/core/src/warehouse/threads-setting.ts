import { UsageError } from '../config/usage-error.js';

/** PULSE_THREADS is not a whole number from 1 to 256. */
export class DuckdbThreadsError extends UsageError {
  override readonly name = 'DuckdbThreadsError';
}

/**
 * PULSE_THREADS: DuckDB's threads for every warehouse Pulse opens, and for the build over the choice it
 * makes from the input's size (runner/duckdb-threads.ts). Undefined when unset.
 */
export function threadsFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const text = env.PULSE_THREADS?.trim();
  if (!text) return undefined;
  const threads = Number(text);
  if (!Number.isInteger(threads) || threads < 1 || threads > 256) {
    throw new DuckdbThreadsError(
      `PULSE_THREADS is "${text}": set it to a whole number from 1 to 256 (DuckDB's threads), or unset it to let Pulse choose (a build of a small input runs on one thread, a bigger one on one per core).`,
    );
  }
  return threads;
}
