import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { toManifest } from '../artifacts/manifest.js';
import { relativePath, toRunResults } from '../artifacts/run-results.js';
import { type WrittenArtifacts, writeArtifacts } from '../artifacts/write-artifacts.js';
import { loadConfig } from '../config/load-config.js';
import type { PulsePaths } from '../config/resolve-paths.js';
import { parseSelection } from '../dag/select-models.js';
import type { DataFolder } from '../ingest/data-folder.js';
import { schemaByRelationOf } from '../model/compile-model.js';
import type { Layer } from '../model/model-definition.js';
import type { ProjectDefinition } from '../project/define-project.js';
import { type DataFile, scanDataFolder } from '../refresh/data-files.js';
import { readPublishedState, writeIngestedFiles } from '../refresh/pulse-tables.js';
import { settlePreviousRuns } from '../refresh/settle-previous-runs.js';
import { publishWithMarts, stageMarts } from '../refresh/staged-publish.js';
import { pauseForTests } from '../refresh/test-pause.js';
import { acquireWarehouseLock } from '../refresh/warehouse-lock.js';
import { Warehouse } from '../warehouse/warehouse.js';
import { StrictModeError } from './build-errors.js';
import { compileGraph } from './build-models.js';
import { type IncrementalBuild, modelStatesAfter } from './incremental-build.js';
import type { IngestOutcome, IngestStep } from './ingest-step.js';
import { kitIngest } from './kit-ingest.js';
import { readBuildState, writeBuildState } from './model-fingerprints.js';
import { RebuildDecider } from './rebuild-decider.js';
import { runBuild } from './run-build.js';
import type { NodeResult, RunEvent, RunResult } from './run-result.js';
import { StagedWarehouse } from './staged-warehouse.js';

export interface BuildProjectOptions {
  readonly project: ProjectDefinition;
  readonly paths: PulsePaths;
  readonly select?: string;
  /** Fail (and publish nothing) when ingestion quarantined any row. */
  readonly strict?: boolean;
  /** Overrides the project's `ingest` and the kit's ingestion. */
  readonly ingest?: IngestStep;
  readonly onEvent?: (event: RunEvent) => void;
  /** Ingestion progress and warnings, as human lines. */
  readonly onProgress?: (message: string) => void;
  readonly onWarning?: (message: string) => void;
  /** Called once ingestion is done, before `--strict` is checked (the CLI prints the summary here). */
  readonly onIngested?: (outcome: IngestOutcome) => void;
  /**
   * Take `<warehouse>.lock` for the build (default true); false when the caller already holds it
   * (`pulse refresh`).
   */
  readonly lock?: boolean;
  /**
   * Runs on the staged warehouse once the models are built, before it is closed and published
   * (`pulse refresh` records its file manifest and run history there). Throwing publishes nothing.
   */
  readonly beforePublish?: (
    warehouse: Warehouse,
    run: RunResult,
    outcome: IngestOutcome,
    reused: readonly string[],
  ) => Promise<void>;
  /** Replaces publishing the staged warehouse and marts folder together (publishWithMarts). */
  readonly publish?: (staged: StagedWarehouse) => Promise<void>;
  /**
   * The staged marts folder, already created by the caller (stageMarts); by default the build stages its
   * own. The Parquet marts are written there and `publish` moves them to `paths.exportDir`, so the live
   * marts folder is never written piecemeal.
   */
  readonly stagedExportDir?: string;
  /**
   * Work on a copy of the published warehouse: read only new and changed files and rebuild only the
   * models whose inputs changed (`pulse refresh`). Needs `stagedExportDir`.
   */
  readonly incremental?: IncrementalBuild;
  /** The data folder as the caller listed it (`pulse refresh`, with its manifest): ingested as listed. */
  readonly dataFolder?: DataFolder;
}

export interface BuildProjectResult {
  readonly run: RunResult;
  readonly ingest: IngestOutcome;
  /** The published warehouse file. */
  readonly warehouse: string;
  /** Folder of the Parquet copies. */
  readonly exportDir: string;
  readonly artifacts: WrittenArtifacts;
  /** The config file read, or undefined when defaults were used. */
  readonly configFile: string | undefined;
  /** Models kept from the refreshed warehouse because nothing they depend on changed (incremental only). */
  readonly reused: readonly string[];
}

/**
 * `pulse build`: ingest into a new warehouse file, resolve the vars, build and test the models, export
 * Parquet, publish the file and write target/run_results.json and manifest.json.
 *
 * Throws, publishing nothing and leaving the previous warehouse and artifacts untouched, when the
 * config, selection, ingestion (`--strict` included) or DAG is wrong. Failing models do not throw: the
 * warehouse is still published so every model that can be trusted reaches its readers, and
 * `run.success` is false.
 */
export async function buildProject(options: BuildProjectOptions): Promise<BuildProjectResult> {
  const { project, paths } = options;
  const startedAt = new Date();
  if (options.select !== undefined)
    parseSelection(
      options.select,
      project.models.map((model) => model.name),
    );
  const { config, file: configFile } = await loadConfig(project.config, paths.configFile);
  const lock = options.lock === false ? undefined : await acquireWarehouseLock(paths.warehouse, 'build');
  try {
    // A caller that holds the lock itself (`pulse refresh`) has settled them already.
    if (lock) await settlePreviousRuns(paths, options);
    return await buildLocked(options, startedAt, config, configFile);
  } finally {
    await lock?.release();
  }
}

async function buildLocked(
  options: BuildProjectOptions,
  startedAt: Date,
  config: unknown,
  configFile: string | undefined,
): Promise<BuildProjectResult> {
  const { project, paths } = options;
  const ingest = options.ingest ?? project.ingest ?? kitIngest;
  const { incremental } = options;
  const staged = await StagedWarehouse.create(paths.warehouse, {
    fromPublished: options.select !== undefined || incremental !== undefined,
  });
  let warehouse: Warehouse | undefined;
  let outcome: IngestOutcome;
  let run: RunResult;
  let vars: unknown;
  let graph: ReturnType<typeof compileGraph>;
  let reused: readonly string[] = [];
  // Taken before ingestion reads them, so a file changed meanwhile counts as changed for the next refresh.
  // The published manifest's sha256s are reused for files of the same size and mtime, as a refresh does.
  const scanned = recordsFiles(options)
    ? await scanDataFolder(paths.dataDir, paths.configFile, await recordedFiles(paths.warehouse))
    : undefined;
  const files = scanned?.files;
  // A `--select` build rewrites only its models' Parquet files: it starts from the published ones.
  const exportDir =
    options.stagedExportDir ??
    (await stageMarts(paths.exportDir, { fromPublished: options.select !== undefined }));
  try {
    warehouse = await Warehouse.open(staged.path);
    options.onProgress?.(`Ingesting ${paths.dataDir} for ${project.name}`);
    outcome = await ingest({
      warehouse,
      dataDir: paths.dataDir,
      sources: project.sources,
      presets: project.presets,
      config,
      onProgress: options.onProgress,
      onWarning: options.onWarning,
      baseline: incremental?.baseline,
      folder: options.dataFolder ?? scanned?.folder,
    });
    options.onIngested?.(outcome);
    const quarantined = outcome.sources.reduce((sum, source) => sum + source.rowsQuarantined, 0);
    if (options.strict && quarantined > 0) {
      throw new StrictModeError(
        `--strict: ingestion quarantined ${quarantined} ${quarantined === 1 ? 'row' : 'rows'} ` +
          '(see the quarantine.<source> tables of a build without --strict); nothing was published.',
        outcome,
      );
    }
    vars = await project.resolveVars(warehouse, config, { ingest: outcome });
    graph = compileGraph(warehouse, project.models, vars);
    const previous = await readBuildState(warehouse);
    const decider = incremental
      ? new RebuildDecider({
          warehouse,
          schemaByRelation: schemaByRelationOf(project.models),
          vars,
          outcome,
          baseline: incremental.baseline,
          previous,
          publishedExportDir: incremental.publishedExportDir,
          exportDir,
          exportLayers: new Set<Layer>(project.exportLayers ?? ['marts']),
        })
      : undefined;
    await decider?.init();
    run = await runBuild({
      warehouse,
      models: project.models,
      vars,
      select: options.select,
      exportDir,
      exportLayers: project.exportLayers,
      onEvent: options.onEvent,
      decider,
      graph,
    });
    reused = decider?.kept ?? [];
    pauseForTests('built');
    const models = await modelStatesAfter(warehouse, graph, run, previous.models, decider?.states);
    await writeBuildState(warehouse, { models, vars });
    if (files && run.success) await writeIngestedFiles(warehouse, files);
    // Everything reaches the main file before it moves: no WAL is left to replay.
    await options.beforePublish?.(warehouse, run, outcome, reused);
    await warehouse.exec('checkpoint');
    await warehouse.close();
    await (options.publish ? options.publish(staged) : publishWithMarts(staged, paths.exportDir));
  } catch (error) {
    await warehouse?.close();
    await staged.discard();
    await rm(exportDir, { recursive: true, force: true });
    throw error;
  }
  const finishedAt = new Date();
  const identity = { invocationId: randomUUID(), project: project.name, generatedAt: finishedAt };
  // The run as a whole: ingestion and publishing included.
  const wholeRun: RunResult = {
    ...run,
    nodes: run.nodes.map((node) => publishedExport(node, paths.exportDir)),
    startedAt,
    completedAt: finishedAt,
    elapsed: (finishedAt.getTime() - startedAt.getTime()) / 1000,
  };
  const runResults = toRunResults({
    identity,
    args: {
      command: 'build',
      select: options.select ?? null,
      strict: options.strict ?? false,
      data_dir: relativePath(paths.root, paths.dataDir),
      warehouse: relativePath(paths.root, paths.warehouse),
      config_file: configFile ? relativePath(paths.root, configFile) : null,
    },
    run: wholeRun,
    vars,
    sources: outcome.sources,
    root: paths.root,
  });
  const manifest = toManifest({
    identity,
    graph,
    sources: project.sources,
    exportLayers: project.exportLayers ?? ['marts'],
  });
  const artifacts = await writeArtifacts(paths.targetDir, { runResults, manifest });
  return {
    run: wholeRun,
    ingest: outcome,
    warehouse: paths.warehouse,
    exportDir: paths.exportDir,
    artifacts,
    configFile,
    reused,
  };
}

/**
 * A whole, successful `pulse build` records the files it ingested, so a later `pulse refresh` starts from
 * it instead of rebuilding everything. A refresh records them itself (beforePublish); a `--select` build
 * or a failed one records none, so the next refresh rebuilds what may be missing.
 */
/** The published warehouse's manifest, if any (an unreadable warehouse only means hashing every file). */
async function recordedFiles(warehouse: string): Promise<readonly DataFile[]> {
  return (await readPublishedState(warehouse).catch(() => undefined))?.files ?? [];
}

function recordsFiles(options: BuildProjectOptions): boolean {
  return options.beforePublish === undefined && options.select === undefined;
}

/** Where a node's Parquet copy lives once the staged marts folder is published. */
function publishedExport(node: NodeResult, exportDir: string): NodeResult {
  return node.exportPath ? { ...node, exportPath: join(exportDir, basename(node.exportPath)) } : node;
}

/** Without the kit's ingestion, only a project with no sources can build. */
