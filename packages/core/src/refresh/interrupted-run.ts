import { randomUUID } from 'node:crypto';
import type { PulsePaths } from '../config/resolve-paths.js';
import { abandonStagedWorkSync } from '../state/abandon-staged-work.js';
import { type RunCommand, toRunRecord } from '../state/run-record.js';
import { appendRunLogSync } from './run-log.js';
import type { RunTally } from './run-tally.js';

export interface InterruptedRun {
  readonly command: RunCommand;
  readonly paths: PulsePaths;
  readonly startedAt: Date;
  readonly signal: NodeJS.Signals;
  /** What it had done when stopped: the files it read and the models it built are recorded. */
  readonly tally?: RunTally;
}

/**
 * A `pulse build` or `pulse refresh` stopped by a signal before its commit point: recorded in the run log
 * as interrupted, its staged copies and lock removed. Synchronous, for the signal handler.
 */
export function abandonInterruptedRun(run: InterruptedRun): void {
  try {
    appendRunLogSync(
      run.paths.warehouse,
      toRunRecord({
        runId: randomUUID(),
        startedAt: run.startedAt,
        status: 'interrupted',
        command: run.command,
        outcome: run.tally?.outcome,
        run: { nodes: run.tally?.nodes ?? [] },
        message: `stopped by ${run.signal} before publishing: the warehouse and marts are as they were`,
      }),
    );
  } catch {
    // A log that cannot be written (a full disk) must not keep the staged copies and the lock behind.
  }
  abandonStagedWorkSync(run.paths.warehouse, run.paths.exportDir, run.paths.targetDir);
}
