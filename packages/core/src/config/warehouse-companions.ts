import { basename, dirname, extname, join } from 'node:path';

/** What Pulse writes for a warehouse besides the file itself: each belongs to that warehouse alone. */
export interface WarehouseCompanions {
  /** Every run's record, failed and up-to-date ones included (`pulse status` reads it). */
  readonly runLog: string;
  /** The Parquet marts, published together with the warehouse. */
  readonly marts: string;
  /** run_results.json and manifest.json of the last build or test of the warehouse. */
  readonly artifacts: string;
}

/** The project's default warehouse: `<root>/data/warehouse.duckdb`. */
export function defaultWarehouseOf(root: string): string {
  return join(root, 'data', 'warehouse.duckdb');
}

/**
 * One rule for every companion, so that building, refreshing or testing one warehouse never writes or
 * reads another's (two warehouses of one folder used to share `pulse-runs.jsonl`, and every warehouse
 * wrote `<root>/target`, which the sample site reads):
 * - a warehouse named `warehouse.duckdb` keeps today's names beside it: `pulse-runs.jsonl`, `marts/`,
 *   `target/`, except that the project's default warehouse keeps its artifacts in `<root>/target`
 *   (turbo's outputs and the site read them there);
 * - any other `<dir>/<name>.<ext>` gets `<name>-runs.jsonl`, `<name>-marts/`, `<name>-target/` in `<dir>`.
 *   (`pulse.duckdb`, whose `pulse-runs.jsonl` would be a `warehouse.duckdb`'s beside it, is refused:
 *   warehouse-name.ts.)
 * `root` (the workspace root) only decides whether the warehouse is the project's default one.
 */
export function companionsOf(warehouse: string, root?: string): WarehouseCompanions {
  const dir = dirname(warehouse);
  const file = basename(warehouse);
  if (file === 'warehouse.duckdb') {
    const isDefault = root !== undefined && warehouse === defaultWarehouseOf(root);
    return {
      runLog: join(dir, 'pulse-runs.jsonl'),
      marts: join(dir, 'marts'),
      artifacts: isDefault ? join(root, 'target') : join(dir, 'target'),
    };
  }
  const name = extname(file) ? file.slice(0, -extname(file).length) : file;
  return {
    runLog: join(dir, `${name}-runs.jsonl`),
    marts: join(dir, `${name}-marts`),
    artifacts: join(dir, `${name}-target`),
  };
}
