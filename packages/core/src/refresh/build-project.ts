import { randomUUID } from 'node:crypto';
import type { RunEvent, RunResult } from '../artifacts/run-result.js';
import type { WrittenArtifacts } from '../artifacts/write-artifacts.js';
import { loadConfig } from '../config/load-config.js';
import type { PulsePaths } from '../config/resolve-paths.js';
import { UsageError } from '../config/usage-error.js';
import { parseSelection } from '../dag/select-models.js';
import type { SqlEngine } from '../dialect/sql-engine.js';
import { fileChangesOf } from '../history/file-changes.js';
import { recordChanges } from '../history/record-changes.js';
import { checkNoTableSourceOnDuckdb } from '../ingest/table-source.js';
import type { ProjectDefinition } from '../project/define-project.js';
import type { IngestOutcome, IngestStep } from '../project/ingest-step.js';
import { buildStaged } from '../runner/build-staged.js';
import { engineOfConfig } from '../runner/engine-of-config.js';
import { stageBuildArtifacts } from '../runner/write-build-artifacts.js';
import { type DataFile, scanDataFolderDuringBuild } from '../state/data-files.js';
import { publishStagedWork } from '../state/publish-staged-work.js';
import { damagedMartsFiles, type MartsFileDamage } from '../state/published-marts.js';
import {
  readPublishedState,
  writeIngestedFiles,
  writeModelsOnServer,
  writeSourceFingerprints,
} from '../state/pulse-tables.js';
import { toRunRecord } from '../state/run-record.js';
import { recordBuildOnServer } from '../state/server-pulse-tables.js';
import { settlePreviousRuns } from '../state/settle-previous-runs.js';
import { stageMarts } from '../state/staged-publish.js';
import { StagedWarehouse } from '../state/staged-warehouse.js';
import { acquireWarehouseLock } from '../state/warehouse-lock.js';
import type { TargetResult } from '../targets/target-result.js';
import { PostgresWarehouse } from '../warehouse/postgres-warehouse.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import { exportDamagedMartsNotBuilt } from './damaged-marts-of-selection.js';
import { checkArtifactsFolder, checkMartsFolder } from './marts-folder-guard.js';
import { sourceReadFingerprints } from './source-read-fingerprints.js';
import { checkWarehouseFile } from './warehouse-file-guard.js';

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
  /** `--engine`: overrides the config's `engine` (default duckdb). */
  readonly engine?: SqlEngine;
  /** `--target` or PULSE_TARGET: the PostgreSQL connection URL when the engine is postgres. */
  readonly target?: string;
  /** `target` came from `--target`: on a DuckDB build it is a mistake, where PULSE_TARGET may be ambient. */
  readonly targetFromFlag?: boolean;
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
  /** Config targets judged on the built marts, as written into run_results.json. */
  readonly targets: readonly TargetResult[];
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
  const engine = options.engine ?? engineOfConfig(config);
  if (engine !== 'postgres' && options.targetFromFlag) {
    // A build meant for the server ran on DuckDB, exit 0, with no word that --target was ignored.
    throw new UsageError(
      '--target is the PostgreSQL server of a PostgreSQL build, but this build runs on DuckDB: add --engine postgres (or "engine": "postgres" in pulse.config.json), or drop --target.',
    );
  }
  if (engine === 'postgres' && options.select !== undefined) {
    throw new UsageError(
      '--select is for DuckDB builds: a PostgreSQL build makes every model anew on the server.',
    );
  }
  // Before any lock or copy: a table source needs the server (ingestion checks it again for refresh).
  if (engine !== 'postgres') checkNoTableSourceOnDuckdb(config, project.sources);
  if (engine === 'postgres' && !options.target) {
    throw new UsageError(
      'engine "postgres" needs the server: pass --target postgres://user:password@host:port/database (or set PULSE_TARGET).',
    );
  }
  const lock = await acquireWarehouseLock(paths.warehouse, 'build');
  try {
    await settlePreviousRuns(paths, options);
    // Before any work: publishing replaces the whole marts folder and the warehouse file.
    await checkMartsFolder(paths.exportDir);
    await checkArtifactsFolder(paths.targetDir);
    if (engine !== 'postgres') await checkWarehouseFile(paths.warehouse);
    if (engine !== 'postgres') return await buildLocked(options, startedAt, config, configFile);
    const target = await PostgresWarehouse.connect(options.target!);
    try {
      return await buildLocked(options, startedAt, config, configFile, target);
    } finally {
      await target.close();
    }
  } finally {
    await lock.release();
  }
}

async function buildLocked(
  options: BuildProjectOptions,
  startedAt: Date,
  config: unknown,
  configFile: string | undefined,
  target?: PostgresWarehouse,
): Promise<BuildProjectResult> {
  const { project, paths } = options;
  // A `--select` build rebuilds only its models: it starts from the published warehouse and marts.
  const fromPublished = options.select !== undefined;
  const staged = await StagedWarehouse.create(paths.warehouse, { fromPublished });
  // A whole build records the files it ingested, so a later `pulse refresh` starts from it instead of
  // rebuilding everything; a `--select` build or a failed one records none, so the next refresh rebuilds
  // what may be missing. Listed before ingestion reads them and hashed while it runs: a file changed
  // meanwhile counts as changed for the next refresh; the published manifest's sha256s are reused for
  // files of the same size and mtime.
  const recorded = fromPublished ? undefined : await recordedFiles(paths.warehouse);
  const scanned = fromPublished
    ? undefined
    : await scanDataFolderDuringBuild(paths.dataDir, paths.configFile, recorded ?? []);
  // Before the staged folder links them: the published marts that are not as their publish left them.
  const damage = fromPublished ? await damagedPublishedMarts(paths) : [];
  const exportDir = await stageMarts(paths.exportDir, { fromPublished });
  const work = async (warehouse: Warehouse) => {
    const built = await buildStaged({
      project,
      warehouse,
      dataDir: paths.dataDir,
      config,
      exportDir,
      select: options.select,
      strict: options.strict,
      ingest: options.ingest,
      folder: scanned?.folder,
      onEvent: options.onEvent,
      onProgress: options.onProgress,
      onWarning: options.onWarning,
      onIngested: options.onIngested,
      target,
    });
    if (damage.length > 0 && !target) {
      const exported = await exportDamagedMartsNotBuilt({
        warehouse,
        project,
        run: built.run,
        damage,
        exportDir,
      });
      if (exported.length > 0)
        options.onWarning?.(
          `the published ${exported.length === 1 ? 'mart' : 'marts'} ${exported.join(', ')} ` +
            `${exported.length === 1 ? 'was' : 'were'} not as the last publish left ${exported.length === 1 ? 'it' : 'them'} ` +
            '(removed, cut short or overwritten): exported anew from the warehouse.',
        );
    }
    // A later refresh may start from what this build ingested only when the models are in this warehouse.
    if (scanned && built.run.success && !target) {
      const manifest = await writeIngestedFiles(warehouse, await scanned.files);
      // And how it read each source's files: a refresh by another Pulse or mapping reads them again.
      await writeSourceFingerprints(
        warehouse,
        sourceReadFingerprints(project.sources, project.presets, config),
        manifest,
      );
    }
    // The server's pulse schema: this build's run record and vars beside the models it built there.
    if (target) {
      await recordBuildOnServer(target, serverRunRecord(startedAt, built), built.vars);
      // And in the local file, which holds the ingested rows only: where its models are.
      await writeModelsOnServer(warehouse, target.target);
    }
    // What the marts published before said, and what moved since: published with the marts or not at all.
    // It compares Parquet files with the local DuckDB, so a PostgreSQL build records them the same way.
    await recordChanges({
      warehouse,
      project,
      publishedMartsDir: paths.exportDir,
      stagedMartsDir: exportDir,
      files: scanned && recorded ? fileChangesOf(recorded, await scanned.files) : undefined,
    });
    return built;
  };
  // The artifacts are staged before the publish and published with the warehouse and marts.
  let written: Awaited<ReturnType<typeof stageBuildArtifacts>> | undefined;
  const built = await publishStagedWork(staged, exportDir, paths.exportDir, work, async (built) => {
    written = await stageBuildArtifacts({
      project,
      paths,
      select: options.select,
      strict: options.strict,
      configFile,
      startedAt,
      built,
    });
    return written.moves;
  });
  const { run, artifacts } = written!;
  return {
    run,
    ingest: built.outcome,
    warehouse: paths.warehouse,
    exportDir: paths.exportDir,
    artifacts,
    configFile,
    reused: built.reused,
    targets: built.targets,
  };
}

/**
 * A PostgreSQL build as a row of the server's `pulse.runs`. `failed` when a model or a data test failed:
 * as for any `pulse build`, the models that could be built were still published, which the message says.
 */
function serverRunRecord(startedAt: Date, built: Awaited<ReturnType<typeof buildStaged>>) {
  const failed = built.run.nodes.filter((node) => node.status === 'error').map((node) => node.name);
  return toRunRecord({
    runId: randomUUID(),
    startedAt,
    status: built.run.success ? 'success' : 'failed',
    outcome: built.outcome,
    run: built.run,
    ...(built.run.success
      ? {}
      : { message: `models failed: ${failed.join(', ')}; the others were built and published` }),
  });
}

/** The published warehouse's manifest, if any (an unreadable warehouse only means hashing every file). */
async function recordedFiles(warehouse: string): Promise<readonly DataFile[] | undefined> {
  return (await readPublishedState(warehouse).catch(() => undefined))?.files;
}

/** The published marts a `--select` build would otherwise link as they are, though damaged or missing. */
async function damagedPublishedMarts(paths: PulsePaths): Promise<MartsFileDamage[]> {
  const recorded = (await readPublishedState(paths.warehouse).catch(() => undefined))?.marts;
  return recorded ? damagedMartsFiles(paths.exportDir, recorded) : [];
}
