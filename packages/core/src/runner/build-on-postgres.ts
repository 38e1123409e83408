import type { RunEvent, RunResult } from '../artifacts/run-result.js';
import type { ModelGraph } from '../dag/model-graph.js';
import type { AnyModel, Layer } from '../model/model-definition.js';
import type { PostgresWarehouse } from '../warehouse/postgres-warehouse.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import {
  copyTablesToPostgres,
  exportParquetFromPostgres,
  resetPostgresSchemas,
} from './postgres-transfer.js';
import { runBuild } from './run-build.js';

/** Where ingestion leaves the validated rows: streamed to the server before any model runs. */
export const INGESTED_SCHEMAS = ['raw', 'quarantine'] as const;

export interface BuildOnPostgresOptions {
  /** The local DuckDB warehouse ingestion wrote `raw` and `quarantine` into. */
  readonly local: Warehouse;
  readonly target: PostgresWarehouse;
  readonly models: readonly AnyModel[];
  readonly vars: unknown;
  /** The models compiled for PostgreSQL (`compileGraph(target, …)`). */
  readonly graph: ModelGraph;
  readonly select?: string;
  readonly exportDir: string;
  readonly exportLayers?: readonly Layer[];
  readonly onEvent?: (event: RunEvent) => void;
  readonly onProgress?: (message: string) => void;
}

/**
 * `engine: "postgres"`: the schemas are made anew on the server, the ingested tables copied in (COPY), and
 * every model, contract check and data test runs there, compiled for PostgreSQL; the exported layers come
 * back out as the same Parquet files a DuckDB build writes. Failure isolation is the runner's, unchanged.
 */
export async function buildOnPostgres(options: BuildOnPostgresOptions): Promise<RunResult> {
  const { local, target, models, vars } = options;
  const layers = [...new Set(models.map((model) => model.layer as string))];
  await resetPostgresSchemas(target, [...INGESTED_SCHEMAS, ...layers]);
  options.onProgress?.(`Copying ${INGESTED_SCHEMAS.join(' and ')} to ${target.target}`);
  await copyTablesToPostgres(local, target, INGESTED_SCHEMAS);
  return runBuild({
    warehouse: target,
    models,
    vars,
    select: options.select,
    exportDir: options.exportDir,
    exportLayers: options.exportLayers,
    onEvent: options.onEvent,
    graph: options.graph,
    exportModel: (model, exportDir) => exportParquetFromPostgres(target, local, model, exportDir),
  });
}
