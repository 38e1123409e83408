import { UsageError } from '../config/usage-error.js';
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

/** `pulse refresh` rebuilds only what changed in a local DuckDB warehouse; a PostgreSQL target is built whole. */
/**
 * `pulse check` on a project whose config says `engine: "postgres"`: its marts are on the server, and the
 * local warehouse holds only what ingestion wrote; the build judged the targets where the marts were.
 */
export class PostgresCheckError extends UsageError {
  override readonly name = 'PostgresCheckError';

  constructor() {
    super(
      'engine "postgres" keeps the marts on the server, not in the local warehouse `pulse check` reads: the ' +
        'targets a PostgreSQL build judged are in its run_results.json ("targets"), and on the report site.',
    );
  }
}

export class PostgresRefreshError extends UsageError {
  override readonly name = 'PostgresRefreshError';

  constructor() {
    super(
      'engine "postgres" builds every model anew on the server: run `pulse build --engine postgres` instead of ' +
        '`pulse refresh` (refresh keeps unchanged models of a local DuckDB warehouse only).',
    );
  }
}
