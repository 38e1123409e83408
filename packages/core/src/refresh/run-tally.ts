import type { NodeResult, RunEvent } from '../artifacts/run-result.js';
import type { IngestOutcome } from '../project/ingest-step.js';

/**
 * What a build or refresh has done so far: its ingestion's outcome and the models it has finished. A run
 * stopped by a signal before publishing is recorded with these counts (interrupted-run.ts), so its line
 * in the run log says how far it got, as a failed run's does.
 */
export class RunTally {
  #outcome: IngestOutcome | undefined;
  readonly #nodes: NodeResult[] = [];

  /** The run's ingestion finished (the build's onIngested). */
  readonly ingested = (outcome: IngestOutcome): void => {
    this.#outcome = outcome;
  };

  /** A progress event of the run (the build's onEvent): a model finished. */
  readonly observe = (event: RunEvent): void => {
    if (event.type === 'node-done') this.#nodes.push(event.result);
  };

  get outcome(): IngestOutcome | undefined {
    return this.#outcome;
  }

  get nodes(): readonly NodeResult[] {
    return this.#nodes;
  }
}
