import type { RunEvent, RunResult } from '../artifacts/run-result.js';
import type { ModelGraph } from '../dag/model-graph.js';
import { formatIngestSummary } from '../ingest/format-ingest-summary.js';
import type { SourceIngestReport } from '../ingest/ingest-report.js';
import { judgeTableSources } from '../ingest/judge-table-source.js';
import type { TableSource } from '../ingest/table-source.js';
import type { AnyModel, Layer } from '../model/model-definition.js';
import type { ProjectDefinition } from '../project/define-project.js';
import type { IngestOutcome, SourceIngestSummary } from '../project/ingest-step.js';
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
 * Before the models of a PostgreSQL build: the schemas are made anew on the server, the tables the local
 * ingestion wrote are copied in, and the table sources (`sources.<source>.table`) are judged there, after
 * the file sources they may be checked against. Returns the ingestion outcome with every source, in the
 * project's order, and its summary redone when the local one was the kit's.
 */
export async function loadServer(
  target: PostgresWarehouse,
  local: Warehouse,
  project: ProjectDefinition,
  config: unknown,
  ingested: IngestOutcome,
  tables: ReadonlyMap<string, TableSource>,
  onProgress?: (message: string) => void,
): Promise<IngestOutcome> {
  const layers = [...new Set(project.models.map((model) => model.layer as string))];
  await resetPostgresSchemas(target, [...INGESTED_SCHEMAS, ...layers]);
  onProgress?.(`Copying ${INGESTED_SCHEMAS.join(' and ')} to ${target.target}`);
  await copyTablesToPostgres(local, target, INGESTED_SCHEMAS);
  const judged = await judgeTableSources(target, project.sources, tables, config, onProgress);
  if (judged.length === 0) return ingested;
  const byName = new Map<string, SourceIngestSummary>(
    [...ingested.sources, ...judged].map((source) => [source.name, source]),
  );
  const sources = project.sources.flatMap((source) => byName.get(source.name) ?? []);
  const full = sources.every((source): source is SourceIngestReport => 'examples' in source);
  const dataDir = (ingested as { dataDir?: string }).dataDir ?? '';
  return {
    ...ingested,
    sources,
    ...(full && ingested.summary !== undefined ? { summary: formatIngestSummary({ dataDir, sources }) } : {}),
  };
}

/**
 * `engine: "postgres"`: once loadServer is done, every model, contract check and data test runs on the
 * server, compiled for PostgreSQL; the exported layers come back out as the same Parquet files a DuckDB
 * build writes. Failure isolation is the runner's, unchanged.
 */
export async function buildOnPostgres(options: BuildOnPostgresOptions): Promise<RunResult> {
  const { local, target, models, vars } = options;
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
