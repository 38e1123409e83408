import { PulseError } from '../errors.js';
import type { IngestOutcome } from '../project/ingest-step.js';

/** `--strict` and ingestion quarantined rows: nothing is published. */
export class StrictModeError extends PulseError {
  override readonly name = 'StrictModeError';
  /** What ingestion found, for a caller that wants the per-source counts. */
  readonly ingest: IngestOutcome;

  constructor(message: string, ingest: IngestOutcome) {
    super(message);
    this.ingest = ingest;
  }
}

/** `pulse test` needs a warehouse an earlier `pulse build` published. */
export class MissingWarehouseError extends PulseError {
  override readonly name = 'MissingWarehouseError';
}
