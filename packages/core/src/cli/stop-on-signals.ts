import { existsSync, writeSync } from 'node:fs';
import { constants } from 'node:os';
import type { PulsePaths } from '../config/resolve-paths.js';
import { abandonInterruptedRun } from '../refresh/interrupted-run.js';
import type { RunTally } from '../refresh/run-tally.js';
import { commitPointPassed, resetCommitPoint } from '../state/commit-point.js';
import type { RunCommand } from '../state/run-record.js';
import { journalFileOf } from '../state/staged-publish.js';

// SIGHUP too: a closed terminal or a supervisor's hang-up ends the run as SIGTERM would, not half-way.
const SIGNALS: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT', 'SIGHUP'];

/**
 * While a `pulse build` or `pulse refresh` runs, SIGTERM, SIGINT and SIGHUP stop it cleanly. Before the run's
 * commit point (state/commit-point.ts) the run is recorded as interrupted in the run log, its staged
 * copies and lock are removed, and the process ends by the signal itself, so a shell sees 143 or 130.
 * After it, the publish is under way: the run is let finish, and ends as it would have; a second signal
 * stops it at once, the journal letting the next run complete the publish. Returns the uninstaller.
 *
 * Ending by the signal, not process.exit(128 + n): exit waits for the DuckDB query in flight to finish
 * (minutes at scale), while the signal's default action ends the process at once.
 */
export function stopCleanlyOnSignals(command: RunCommand, paths: PulsePaths, tally?: RunTally): () => void {
  const startedAt = new Date();
  resetCommitPoint();
  let deferred = false;
  const say = (line: string) =>
    writeSync(2, `${process.stderr.isTTY ? '\n' : ''}pulse ${command}: ${line}\n`);
  const onSignal = (signal: NodeJS.Signals) => {
    if (deferred) {
      // The commit point is passed before the journal is written: stopped before it exists, the run
      // published nothing, and there is no publish for the next run to complete.
      say(
        existsSync(journalFileOf(paths.warehouse))
          ? `stopped by a second ${signal} while publishing: the next build or refresh completes what is left of the publish.`
          : `stopped by a second ${signal} before its publish began: nothing was published; the next build or refresh removes what it staged.`,
      );
    } else if (commitPointPassed()) {
      deferred = true;
      say(
        `${signal} received while publishing: finishing the publish (${signal} again stops at once; the next run then completes the publish).`,
      );
      return;
    } else {
      abandonInterruptedRun({ command, paths, startedAt, signal, tally });
      say(`interrupted by ${signal} before publishing: the warehouse and marts are as they were.`);
    }
    uninstall();
    endBySignal(signal);
  };
  const uninstall = () => {
    for (const signal of SIGNALS) process.off(signal, onSignal);
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);
  return uninstall;
}

/** Raises the signal again with its default action (no listener is left); exits 128 + n if that failed. */
function endBySignal(signal: NodeJS.Signals): never {
  process.kill(process.pid, signal);
  // The signal ends the process before kill returns; waiting here keeps every other callback from running.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2000);
  process.exit(128 + constants.signals[signal]);
}
