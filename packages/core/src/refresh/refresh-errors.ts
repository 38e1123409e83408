import type { RunResult } from '../artifacts/run-result.js';
import { UsageError } from '../config/usage-error.js';
import { PulseError } from '../errors.js';

/**
 * A refresh built models that failed (or error-severity tests that failed): unlike `pulse build`, a
 * refresh publishes nothing then, so unattended runs never replace good numbers with partial ones.
 */
export class RefreshFailedError extends PulseError {
  override readonly name = 'RefreshFailedError';
  readonly run: RunResult;

  constructor(run: RunResult) {
    const failed = run.nodes.filter((node) => node.status === 'error').map((node) => node.name);
    super(
      `${failed.length} ${failed.length === 1 ? 'model' : 'models'} failed (${failed.join(', ')}); ` +
        'nothing was published: the previous warehouse and marts are unchanged. Fix the data or the model ' +
        'and run `pulse refresh` again.',
    );
    this.run = run;
  }
}

/** A file ingested by the published warehouse is gone from the data folder and `--prune` was not given. */
export class RemovedFilesError extends PulseError {
  override readonly name = 'RemovedFilesError';
  readonly removed: readonly string[];

  constructor(removed: readonly string[]) {
    super(
      `${removed.length} ${removed.length === 1 ? 'file' : 'files'} ingested before ` +
        `${removed.length === 1 ? 'is' : 'are'} no longer in the data folder: ${removed.slice(0, 5).join(', ')}` +
        `${removed.length > 5 ? ', …' : ''}. Nothing was published. If the removal is intended, run ` +
        '`pulse refresh --prune` to drop their rows; otherwise restore the files.',
    );
    this.removed = removed;
  }
}

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

/** `pulse refresh` rebuilds only what changed in a local DuckDB warehouse; a PostgreSQL target is built whole. */
export class PostgresRefreshError extends UsageError {
  override readonly name = 'PostgresRefreshError';

  constructor() {
    super(
      'engine "postgres" builds every model anew on the server: run `pulse build --engine postgres` instead of ' +
        '`pulse refresh` (refresh keeps unchanged models of a local DuckDB warehouse only).',
    );
  }
}
