// What `npm run bench:files` measured, saved as bench/results/many-files.json for BENCHMARKS.md.
import type { Machine } from './machine.js';

/** Seconds per run, in run order; run i of one layout was measured right before/after run i of the other. */
export interface ManyFilesRuns {
  readonly build: number[];
  readonly noopRefresh: number[];
  readonly addedRefresh: number[];
  /** The 1-minute load average when the layout's run started. */
  readonly loadAverage: number[];
}

export interface ManyFilesResult {
  readonly measuredAt: string;
  readonly revision: string;
  readonly uncommittedFiles: readonly string[];
  readonly machine: Machine;
  readonly command: string;
  /** The `pulse generate` command of the sample whose first `files` events are spread over the files. */
  readonly sample: string;
  readonly files: number;
  readonly runs: number;
  /** The events in 4 files. */
  readonly four: ManyFilesRuns;
  /** The same events, one per file. */
  readonly many: ManyFilesRuns;
  /** The last line of a no-op refresh and the events line of a one-added-file refresh, per layout. */
  readonly messages: Record<string, string>;
}
