import { writeSync } from 'node:fs';

/**
 * Crash-safety test hook: when `PULSE_TEST_PAUSE_AT` names this step, print `pulse: paused at <step>` on
 * stderr and block the process for good, so a test can `kill -9` it at a known point. Blocking with
 * Atomics.wait (not a timer) also freezes every callback, exactly like a process stopped mid-step.
 */
export function pauseForTests(step: RefreshStep): void {
  if (process.env.PULSE_TEST_PAUSE_AT !== step) return;
  writeSync(2, `pulse: paused at ${step}\n`);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
}

/**
 * Signal test hook: when `PULSE_TEST_HOLD_AT` names this step, print `pulse: holding at <step>` on stderr
 * and wait, with the event loop running (unlike pauseForTests), until a line arrives on stdin: a test can
 * send SIGTERM or SIGINT at a known point and see the process's own signal handling.
 */
export async function holdForTests(step: RefreshStep): Promise<void> {
  if (process.env.PULSE_TEST_HOLD_AT !== step) return;
  writeSync(2, `pulse: holding at ${step}\n`);
  // The timer keeps the event loop alive when stdin is at its end (a background job of a shell reads
  // /dev/null): without it Node would find nothing left to wait for and exit 13 before the signal came.
  const alive = setInterval(() => {}, 60_000);
  try {
    await new Promise((resume) => process.stdin.once('data', resume));
  } finally {
    clearInterval(alive);
    process.stdin.pause();
  }
}

/** The points of a refresh a test can stop it at, in order. */
export type RefreshStep =
  | 'locked' // lock taken, nothing staged yet
  | 'ingested' // staged warehouse holds the raw tables only
  | 'exported' // the first mart's Parquet file written, the other marts not yet
  | 'built' // every model built into the staged warehouse and the staged marts folder
  | 'staged' // staged warehouse closed, ready to publish; publish journal not written yet
  | 'committing' // past the commit point for signals, the journal not written yet
  | 'publishing'; // journal written, marts folder swapped, warehouse not renamed yet
