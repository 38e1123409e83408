import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { namingDamagedParquet } from '../ingest/damaged-parquet.js';
import { readerPath } from '../ingest/sql-text.js';
import { latestCompleteMonth } from '../targets/latest-complete-month.js';
import type { TargetResult } from '../targets/target-result.js';
import type { ModelWarehouse } from '../warehouse/model-warehouse.js';
import type { DigestContext, DigestFunction, RunDigest } from './digest-definition.js';

export interface ComposeDigestOptions {
  readonly digest: DigestFunction;
  /** A local DuckDB warehouse, used as the engine that reads the Parquet marts (nothing is written). */
  readonly warehouse: ModelWarehouse;
  /** The folder of the Parquet marts the digest reads (the staged one during a build). */
  readonly martsDir: string;
  readonly asOf: string | null;
  readonly vars: unknown;
  readonly targets: readonly TargetResult[];
  /** Models that did not build in this run: read as missing, never from a stale file. */
  readonly failedModels?: ReadonlySet<string>;
}

/**
 * The project's digest over a marts folder: the one function behind `pulse digest` and the `digest` of
 * run_results.json (which the report site's overview shows), so both say the same for the same marts.
 */
export async function composeDigest(options: ComposeDigestOptions): Promise<RunDigest> {
  const { asOf, martsDir, warehouse } = options;
  const month = asOf === null ? null : latestCompleteMonth(asOf);
  const read = new Set<string>();
  const context: DigestContext = {
    asOf,
    month,
    vars: options.vars,
    targets: options.targets,
    mart(name) {
      if (options.failedModels?.has(name)) return null;
      const file = join(martsDir, `${name}.parquet`);
      if (!existsSync(file)) return null;
      read.add(file);
      return `read_parquet(${readerPath(file)})`;
    },
    query: (sql, parameters = []) => warehouse.query(sql, parameters),
  };
  const markdown = await namingDamagedParquet(
    warehouse,
    () => read,
    'Republish the marts from the warehouse with `pulse refresh`, or rebuild them with `pulse build`.',
    () => options.digest(context),
  );
  return { month, markdown };
}
