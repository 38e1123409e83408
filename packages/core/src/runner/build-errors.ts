import { PulseError } from '../errors.js';

/** `--strict` and ingestion quarantined rows: nothing is published. */
export class StrictModeError extends PulseError {
  override readonly name = 'StrictModeError';
}

/** The project declares sources but no ingestion is available to load them. */
export class IngestUnavailableError extends PulseError {
  override readonly name = 'IngestUnavailableError';
}

/** `pulse test` needs a warehouse an earlier `pulse build` published. */
export class MissingWarehouseError extends PulseError {
  override readonly name = 'MissingWarehouseError';
}
