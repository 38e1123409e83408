import type { RunEvent, RunResult } from '../artifacts/run-result.js';
import { UsageError } from '../config/usage-error.js';
import type { ModelGraph } from '../dag/model-graph.js';
import { composeDigest } from '../digest/compose-digest.js';
import type { RunDigest } from '../digest/digest-definition.js';
import { type DataFolder, listDataFolder } from '../ingest/data-folder.js';
import type { IngestBaseline } from '../ingest/ingest-baseline.js';
import { checkFileSourcesIndependent, type TableSource, tableSourcesOf } from '../ingest/table-source.js';
import type { ProjectDefinition } from '../project/define-project.js';
import type { IngestOutcome, IngestStep } from '../project/ingest-step.js';
import { asOfOf } from '../project/vars-as-of.js';
import { type BuildState, type ModelState, readBuildState, writeBuildState } from '../state/pulse-tables.js';
import { holdForTests, pauseForTests } from '../state/test-pause.js';
import { evaluateTargets } from '../targets/evaluate-targets.js';
import type { TargetResult } from '../targets/target-result.js';
import { targetsOf } from '../targets/target-schema.js';
import type { ModelWarehouse } from '../warehouse/model-warehouse.js';
import type { PostgresWarehouse } from '../warehouse/postgres-warehouse.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import { StrictModeError } from './build-errors.js';
import { compileGraph } from './build-models.js';
import { buildOnPostgres, loadServer } from './build-on-postgres.js';
import { dropRemovedModels } from './drop-removed-models.js';
import { duckdbThreads } from './duckdb-threads.js';
import { kitIngest } from './kit-ingest.js';
import { modelLanes } from './model-lanes.js';
import { modelStatesAfter } from './model-states.js';
import { type NodeDecider, runBuild } from './run-build.js';

export interface BuildStagedOptions {
  readonly project: ProjectDefinition;
  /** The staged warehouse, open; its caller publishes it (or not). */
  readonly warehouse: Warehouse;
  readonly dataDir: string;
  /** The validated project config. */
  readonly config: unknown;
  /** The staged marts folder: the Parquet copies of the exported models are written there. */
  readonly exportDir: string;
  readonly select?: string;
  /** Fail when ingestion quarantined any row. */
  readonly strict?: boolean;
  /** Overrides the project's `ingest` and the kit's ingestion. */
  readonly ingest?: IngestStep;
  /** The data folder as the caller listed it: ingested as listed. */
  readonly folder?: DataFolder;
  /**
   * The staged warehouse is a copy of a built one: ingestion keeps the rows of these files where they are
   * unchanged and reads only new and changed files.
   */
  readonly baseline?: IngestBaseline;
  /**
   * Made once ingestion is done and the vars are resolved, before any model is built: a decider that may
   * keep a model as the staged warehouse has it or rebuild only some of its partitions. DuckDB only.
   */
  readonly decider?: (facts: DeciderFacts) => Promise<KeepingDecider>;
  readonly onEvent?: (event: RunEvent) => void;
  readonly onProgress?: (message: string) => void;
  readonly onWarning?: (message: string) => void;
  /** Called once ingestion is done, before `strict` is checked. */
  readonly onIngested?: (outcome: IngestOutcome) => void;
  /**
   * `engine: "postgres"`: ingestion still writes the local warehouse, then the models run on this server
   * (build-on-postgres.ts). Full builds only: no baseline, no decider and no models' state.
   */
  readonly target?: PostgresWarehouse;
}

/** What a `decider` is made from: the staged warehouse, as ingestion and the vars left it. */
export interface DeciderFacts {
  readonly warehouse: Warehouse;
  readonly vars: unknown;
  readonly outcome: IngestOutcome;
  /** How the staged warehouse's relations were built (its `pulse.model_fingerprints`). */
  readonly previous: BuildState;
  /** The staged marts folder. */
  readonly exportDir: string;
}

/** A decider of `buildStaged`: it says which models it kept, and the state of those it saw built. */
export interface KeepingDecider extends NodeDecider {
  /** The models kept as the staged warehouse had them, in build order. */
  readonly kept: readonly string[];
  /** The state of the models built successfully in this run, already computed (digests included). */
  readonly states: ReadonlyMap<string, ModelState>;
}

export interface StagedBuild {
  readonly run: RunResult;
  readonly outcome: IngestOutcome;
  readonly vars: unknown;
  readonly graph: ModelGraph;
  /** Models the decider kept as the copied warehouse had them (none without a decider). */
  readonly reused: readonly string[];
  /** Config `targets` judged on the built marts (empty when the project has none). */
  readonly targets: readonly TargetResult[];
  /** The project's digest of the latest complete month, from the staged marts; null without one. */
  readonly digest: RunDigest | null;
}

/**
 * The build itself, on a staged warehouse: ingest, resolve the vars, build and test the models, export
 * their Parquet copies and record the models' state. Knows nothing of locks or publishing: `pulse build`
 * and `pulse refresh` (refresh/) wrap it in the warehouse's lifecycle (state/).
 * Throws on a file error or `strict` with quarantined rows; failing models do not throw (`run.success`).
 */
export async function buildStaged(options: BuildStagedOptions): Promise<StagedBuild> {
  const { project, warehouse, config, exportDir } = options;
  const ingest = options.ingest ?? project.ingest ?? kitIngest;
  // On PostgreSQL, sources declared as server tables are judged there, after the file sources.
  const tables = options.target ? tableSourcesOf(config) : new Map<string, TableSource>();
  if (options.target) checkFileSourcesIndependent(project.sources, config);
  await setThreadsForInput(warehouse, options);
  options.onProgress?.(`Ingesting ${options.dataDir} for ${project.name}`);
  const local = await ingest({
    warehouse,
    dataDir: options.dataDir,
    sources: project.sources.filter((source) => !tables.has(source.name)),
    presets: project.presets,
    config,
    onProgress: options.onProgress,
    onWarning: options.onWarning,
    baseline: options.baseline,
    folder: options.folder,
    staged: true,
  });
  if (options.target && (options.baseline || options.decider)) {
    throw new UsageError('A PostgreSQL build makes every model anew: it takes no baseline and no decider.');
  }
  const outcome = options.target
    ? await loadServer(options.target, warehouse, project, config, local, tables, options.onProgress)
    : local;
  options.onIngested?.(outcome);
  const quarantined = outcome.sources.reduce((sum, source) => sum + source.rowsQuarantined, 0);
  if (options.strict && quarantined > 0) {
    throw new StrictModeError(
      `--strict: ingestion quarantined ${quarantined} ${quarantined === 1 ? 'row' : 'rows'} ` +
        '(see the quarantine.<source> tables of a build without --strict); nothing was published.',
      outcome,
    );
  }
  // Every raw table is on the server when the build runs there (table sources only there).
  const vars = await project.resolveVars(options.target ?? warehouse, config, {
    ingest: outcome,
    onWarning: options.onWarning,
  });
  if (options.target) {
    const graph = compileGraph(options.target, project.models, vars);
    const run = await buildOnPostgres({
      graph,
      local: warehouse,
      target: options.target,
      models: project.models,
      vars,
      select: options.select,
      exportDir,
      exportLayers: project.exportLayers,
      onEvent: options.onEvent,
      onProgress: options.onProgress,
    });
    // The marts are on the server: the targets are judged there.
    const targets = await judgeTargets(options.target, project, config, vars, run);
    // The digest reads the Parquet marts (exported locally from the server) with the local DuckDB.
    const digest = await digestOf(options, vars, run, targets);
    return { run, outcome, vars, graph, reused: [], targets, digest };
  }
  const graph = compileGraph(warehouse, project.models, vars);
  const dropped = await dropRemovedModels(warehouse, project.models);
  if (dropped.length > 0)
    options.onProgress?.(`Dropped the tables of models the project no longer has: ${dropped.join(', ')}`);
  const previous = await readBuildState(warehouse);
  const decider = await options.decider?.({ warehouse, vars, outcome, previous, exportDir });
  const run = await runBuild({
    warehouse,
    models: project.models,
    vars,
    select: options.select,
    exportDir,
    exportLayers: project.exportLayers,
    onEvent: options.onEvent,
    decider,
    graph,
    lanes: modelLanes(),
  });
  const reused = decider?.kept ?? [];
  pauseForTests('built');
  await holdForTests('built');
  const models = await modelStatesAfter(warehouse, graph, run, previous.models, decider?.states);
  await writeBuildState(warehouse, { models, vars });
  const targets = await judgeTargets(warehouse, project, config, vars, run);
  const digest = await digestOf(options, vars, run, targets);
  return { run, outcome, vars, graph, reused, targets, digest };
}

/**
 * The project's digest over the staged marts. A digest that fails is a warning, never a failed build: the
 * marts are right, only their summary is missing (run_results.json then has none).
 */
async function digestOf(
  options: BuildStagedOptions,
  vars: unknown,
  run: RunResult,
  targets: readonly TargetResult[],
): Promise<RunDigest | null> {
  const { digest } = options.project;
  if (!digest) return null;
  try {
    return await composeDigest({
      digest,
      warehouse: options.warehouse,
      martsDir: options.exportDir,
      asOf: asOfOf(vars),
      vars,
      targets,
      failedModels: failedModelsOf(run),
    });
  } catch (error) {
    options.onWarning?.(`The digest could not be written: ${(error as Error).message.split('\n')[0]}`);
    return null;
  }
}

function failedModelsOf(run: RunResult): ReadonlySet<string> {
  return new Set(run.nodes.filter((node) => node.status !== 'success').map((node) => node.name));
}

/** The config's targets, judged on the marts just built wherever they were built. */
function judgeTargets(
  warehouse: ModelWarehouse,
  project: ProjectDefinition,
  config: unknown,
  vars: unknown,
  run: RunResult,
): Promise<TargetResult[]> {
  return evaluateTargets({
    warehouse,
    models: project.models,
    targets: targetsOf(config),
    asOf: asOfOf(vars),
    failedModels: failedModelsOf(run),
  });
}

/**
 * Sets DuckDB's threads for the build from the size of its input (duckdb-threads.ts). The folder is
 * listed here when the caller did not list it; a folder that cannot be listed is left to ingestion, which
 * reports it.
 */
async function setThreadsForInput(warehouse: Warehouse, options: BuildStagedOptions): Promise<void> {
  const folder = options.folder ?? (await listDataFolder(options.dataDir).catch(() => undefined));
  const threads = duckdbThreads(folder);
  if (threads !== undefined) await warehouse.exec(`set threads = ${threads}`);
}
