import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { RunEvent, RunResult } from '../artifacts/run-result.js';
import { refusedForDataFolder } from '../config/last-build-inputs.js';
import { loadConfig } from '../config/load-config.js';
import type { PulsePaths } from '../config/resolve-paths.js';
import { fileChangesOf } from '../history/file-changes.js';
import { recordChanges } from '../history/record-changes.js';
import type { DataFolder } from '../ingest/data-folder.js';
import type { IngestBaseline } from '../ingest/ingest-baseline.js';
import type { Layer } from '../model/model-definition.js';
import type { ProjectDefinition } from '../project/define-project.js';
import type { IngestOutcome } from '../project/ingest-step.js';
import type { DeciderFacts } from '../runner/build-staged.js';
import { engineOfConfig } from '../runner/engine-of-config.js';
import { modelsWithResults, resultsListEveryModel } from '../runner/kept-models.js';
import {
  type DataChanges,
  type DataFile,
  diffDataFiles,
  hasChanges,
  scanDataFolder,
} from '../state/data-files.js';
import { PublishUnfinishedError } from '../state/lock-errors.js';
import {
  readCachedState,
  type SourceReading,
  warehouseIdentityOf,
  writeManifestCache,
} from '../state/manifest-cache.js';
import {
  damagedMartsFiles,
  type MartsFileDamage,
  martsFilesOf,
  type PublishedMartsFile,
} from '../state/published-marts.js';
import type { PublishedState } from '../state/pulse-tables.js';
import { mergeRuns, type RunFacts, type RunRecord, toRunRecord } from '../state/run-record.js';
import { settlePreviousRuns } from '../state/settle-previous-runs.js';
import { stageMarts } from '../state/staged-publish.js';
import { StagedWarehouse } from '../state/staged-warehouse.js';
import { pauseForTests } from '../state/test-pause.js';
import { acquireWarehouseLock } from '../state/warehouse-lock.js';
import type { ModelWarehouse } from '../warehouse/model-warehouse.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import type { BuildProjectResult } from './build-project.js';
import { codeFilesUnchanged, runningCodeFiles } from './code-files.js';
import { checkArtifactsFolder, checkMartsFolder } from './marts-folder-guard.js';
import { PostgresRefreshError, RefreshFailedError, RemovedFilesError } from './refresh-errors.js';
import type { RepublishedMarts } from './republish-marts.js';
import { appendRunLog, readRunLog } from './run-log.js';
import { maxShrinkOf, SourceShrankError, shrunkSources, withShrinkGuard } from './shrink-guard.js';
import { sourceReadFingerprints, sourcesReadOtherwise } from './source-read-fingerprints.js';
import { checkWarehouseFile } from './warehouse-file-guard.js';

export interface RefreshOptions {
  /**
   * The project, or how to load it: loaded only when something changed, because importing a project's
   * models is most of an up-to-date refresh's time.
   */
  readonly project: ProjectDefinition | (() => Promise<ProjectDefinition>);
  /**
   * The file of the project's module (the CLI's `--project`, resolved without importing it). An
   * up-to-date refresh answers without loading the project only when it is the file of the project that
   * recorded the published state, its files unchanged; undefined: the project is loaded and compared.
   */
  readonly projectEntry?: string;
  readonly paths: PulsePaths;
  /** Allow files ingested before to be gone: their rows are dropped. */
  readonly prune?: boolean;
  /** Fail, publishing nothing, when ingestion leaves quarantined rows in the warehouse (kept ones too). */
  readonly strict?: boolean;
  /** Rebuild even when no file changed (e.g. after upgrading the models). */
  readonly force?: boolean;
  /** Publish even when a required source is empty or a source lost more than `max_shrink` of its rows. */
  readonly allowShrink?: boolean;
  readonly onEvent?: (event: RunEvent) => void;
  readonly onProgress?: (message: string) => void;
  readonly onWarning?: (message: string) => void;
  readonly onIngested?: (outcome: IngestOutcome) => void;
}

export interface RefreshResult {
  readonly record: RunRecord;
  readonly changes: DataChanges;
  /** Undefined when nothing changed and nothing was rebuilt. */
  readonly build: BuildProjectResult | undefined;
  /** Nothing changed, but the published marts were not as published: exported anew from the warehouse. */
  readonly republished?: RepublishedMarts;
}

/**
 * `pulse refresh`: an unattended `pulse build` that is safe to run every night.
 * - Holds `<warehouse>.lock`; a concurrent refresh or build fails with WarehouseLockedError (exit 75).
 * - Compares the data folder (and config) with `pulse.ingested_files`: nothing changed → nothing rebuilt;
 *   but marts that are not as published (removed, cut short, replaced) are exported anew from the warehouse.
 * - Otherwise rebuilds everything into a staged file and a staged marts folder and publishes both only when
 *   every model and error-severity test passed (RefreshFailedError otherwise). A crash at any point leaves
 *   the previous warehouse and marts readable; the next refresh cleans up or completes the publish.
 * - Every run, whatever its end, is appended to `pulse-runs.jsonl`; published warehouses carry `pulse.runs`.
 */
export async function refreshProject(options: RefreshOptions): Promise<RefreshResult> {
  const { paths } = options;
  const refused = refusedForDataFolder(paths);
  if (refused) {
    // Logged as a failed run: a nightly job refused here left no trace, and `pulse status` said OK.
    await logFailure(paths.warehouse, {
      runId: randomUUID(),
      startedAt: new Date(),
      command: 'refresh',
      status: 'failed',
      message: refused.message,
    });
    throw refused;
  }
  const lock = await acquireWarehouseLock(paths.warehouse, 'refresh');
  try {
    pauseForTests('locked');
    await settlePreviousRuns(paths, options);
    return await refreshLocked(options);
  } finally {
    await lock.release();
  }
}

async function refreshLocked(options: RefreshOptions): Promise<RefreshResult> {
  const { paths } = options;
  const facts = { runId: randomUUID(), startedAt: new Date(), command: 'refresh' } as const;
  let files: DataFile[];
  let folder: DataFolder;
  let previous: PublishedFiles;
  let damage: MartsFileDamage[];
  try {
    // Before it is read: publishing replaces the warehouse file.
    await checkWarehouseFile(paths.warehouse);
    previous = await publishedFilesOf(paths.warehouse);
    // A stat per published file: cheap, so an up-to-date refresh stays so whatever the marts weigh.
    damage = previous.marts ? await damagedMartsFiles(paths.exportDir, previous.marts) : [];
    // Recorded sha256s are reused for files of the same size and mtime, except when forced.
    ({ files, folder } = await scanDataFolder(
      paths.dataDir,
      paths.configFile,
      options.force ? [] : previous.files,
    ));
  } catch (error) {
    await logFailure(paths.warehouse, { ...facts, status: 'failed', message: (error as Error).message });
    throw error;
  }
  const changes = diffDataFiles(previous.files ?? [], files);
  const project = projectLoader(options.project);
  let reading = previous.reading;
  if (
    previous.files !== undefined &&
    !hasChanges(changes) &&
    !options.force &&
    (await builtAsBefore(project, options, previous, (checked) => {
      reading = checked;
    })) &&
    // A run_results.json removed, damaged or missing models (an older Pulse's) is written anew by a build.
    (await resultsListEveryModel(paths.targetDir))
  ) {
    const unchanged = `${files.length} files unchanged`;
    if (damage.length > 0)
      return republishLocked(
        options,
        facts,
        previous.files,
        previous.marts ?? [],
        damage,
        changes,
        unchanged,
        reading,
      );
    const record = toRunRecord({ ...facts, status: 'up_to_date', message: unchanged });
    await appendRunLog(paths.warehouse, record);
    return { record, changes, build: undefined };
  }
  try {
    if (changes.removed.length > 0 && !options.prune) throw new RemovedFilesError(changes.removed);
    // Before any work: publishing replaces the whole marts folder.
    await checkMartsFolder(paths.exportDir);
    await checkArtifactsFolder(paths.targetDir);
  } catch (error) {
    await logFailure(paths.warehouse, { ...facts, status: 'failed', message: (error as Error).message });
    throw error;
  }
  const baseline = options.force ? undefined : baselineOf(previous.files, files);
  const stagedExportDir = await stageMarts(paths.exportDir, { fromPublished: false });
  // Incremental: work on a copy of the published warehouse; otherwise start empty, like `pulse build`.
  // The copy (gigabytes at scale) runs while the project and the published state load.
  const staging = StagedWarehouse.create(paths.warehouse, { fromPublished: baseline !== undefined });
  staging.catch(() => {}); // awaited below; a failure must not surface as an unhandled rejection first
  let outcome: IngestOutcome | undefined;
  let run: RunResult | undefined;
  let record: RunRecord | undefined;
  try {
    // Loaded only now, like everything that loads DuckDB: an up-to-date refresh does without it.
    const { readPublishedState, writePulseTables } = await import('../state/pulse-tables.js');
    const { publishStagedWork } = await import('../state/publish-staged-work.js');
    const runs = previous.runs ?? (await readPublishedState(paths.warehouse)).runs;
    const history = mergeRuns(runs, await readRunLog(paths.warehouse));
    // Loaded only now: the build pipeline's modules are most of an up-to-date refresh's start-up time.
    const { buildStaged } = await import('../runner/build-staged.js');
    const { stageBuildArtifacts } = await import('../runner/write-build-artifacts.js');
    const { RebuildDecider } = await import('./rebuild-decider.js');
    const { schemaByRelationOf } = await import('../model/compile-model.js');
    const loaded = await project();
    const guarded = options.allowShrink
      ? loaded
      : withShrinkGuard(loaded, await shrinkGuardOf(loaded, paths));
    const startedAt = new Date();
    const { config, file: configFile } = await loadConfig(guarded.config, paths.configFile);
    // A refresh keeps unchanged models of the local DuckDB warehouse: it cannot stand in for a server build.
    if (engineOfConfig(config) === 'postgres') throw new PostgresRefreshError();
    const readNow = sourceReadFingerprints(guarded.sources, guarded.presets, config);
    const withResults = await modelsWithResults(paths.targetDir);
    const kept = baseline && withSourcesReadAgain(baseline, previous.reading, readNow, options.onProgress);
    // Incremental: only the models whose fingerprint or inputs changed are rebuilt (rebuild-decider.ts).
    const decider =
      kept &&
      ((facts: DeciderFacts) =>
        RebuildDecider.create({
          ...facts,
          schemaByRelation: schemaByRelationOf(guarded.models),
          baseline: kept,
          publishedExportDir: paths.exportDir,
          publishedWarehouse: paths.warehouse,
          exportLayers: new Set<Layer>(guarded.exportLayers ?? ['marts']),
          damagedExports: damagedMartsOf(damage),
          withResults,
        }));
    const staged = await staging;
    const work = async (warehouse: Warehouse) => {
      const built = await buildStaged({
        project: guarded,
        warehouse,
        dataDir: paths.dataDir,
        config,
        exportDir: stagedExportDir,
        baseline: kept,
        decider,
        folder,
        strict: options.strict,
        onEvent: options.onEvent,
        onProgress: options.onProgress,
        onWarning: options.onWarning,
        onIngested: (ingested) => {
          outcome = ingested;
          options.onIngested?.(ingested);
          pauseForTests('ingested');
        },
      });
      run = built.run;
      if (!built.run.success) throw new RefreshFailedError(built.run);
      record = toRunRecord({
        ...facts,
        status: 'success',
        outcome,
        run: built.run,
        reused: built.reused.length,
      });
      // The staged warehouse carries its file manifest and run history: they are published with it.
      await writePulseTables(warehouse, files, [...history, record], readNow);
      // What the marts published before said, and what moved since: published with the marts or not at all.
      await recordChanges({
        warehouse,
        project: guarded,
        publishedMartsDir: paths.exportDir,
        stagedMartsDir: stagedExportDir,
        files: previous.files && fileChangesOf(previous.files, files),
      });
      return built;
    };
    // The artifacts are staged before the publish and published with the warehouse and marts.
    let stagedArtifacts: Awaited<ReturnType<typeof stageBuildArtifacts>> | undefined;
    const built = await publishStagedWork(staged, stagedExportDir, paths.exportDir, work, async (built) => {
      stagedArtifacts = await stageBuildArtifacts({
        project: guarded,
        paths,
        select: undefined,
        strict: undefined,
        configFile,
        startedAt,
        built,
        runId: facts.runId,
        command: 'refresh',
      });
      return stagedArtifacts.moves;
    });
    const written = stagedArtifacts!;
    const build: BuildProjectResult = {
      run: written.run,
      ingest: built.outcome,
      warehouse: paths.warehouse,
      exportDir: paths.exportDir,
      artifacts: written.artifacts,
      configFile,
      reused: built.reused,
      targets: built.targets,
    };
    // The next refresh finds the new manifest and marts without opening the warehouse (state/manifest-cache.ts).
    await writeManifestCache(paths.warehouse, files, undefined, await martsFilesOf(paths.exportDir), {
      sources: readNow,
      code: runningCodeFiles(),
      ...(options.projectEntry !== undefined && { project: options.projectEntry }),
    });
    await appendRunLog(paths.warehouse, record!);
    return { record: record!, changes, build };
  } catch (error) {
    // Failed before publishStagedWork took the staged copy over: it is removed here. Past the commit point
    // the journal names it: the next run finishes the publish with it.
    if (!(error instanceof PublishUnfinishedError)) {
      await staging.then((staged) => staged.discard()).catch(() => {});
      await rm(stagedExportDir, { recursive: true, force: true });
    }
    await logFailure(paths.warehouse, {
      ...facts,
      status: 'failed',
      outcome,
      run,
      message: (error as Error).message,
    });
    throw error;
  }
}

/**
 * Nothing changed, but the published marts are not as published: they are exported anew from the
 * published warehouse, which is neither rebuilt nor rewritten, and recorded for the next refresh.
 */
async function republishLocked(
  options: RefreshOptions,
  facts: { runId: string; startedAt: Date },
  files: readonly DataFile[],
  recorded: readonly PublishedMartsFile[],
  damage: readonly MartsFileDamage[],
  changes: DataChanges,
  unchanged: string,
  reading: SourceReading | undefined,
): Promise<RefreshResult> {
  const { paths } = options;
  try {
    const { republishMarts } = await import('./republish-marts.js');
    const republished = await republishMarts({ project: options.project, paths, recorded, damage });
    // What the next refresh compares the folder with (the warehouse's pulse.published_marts, not rewritten,
    // still describes the folder as it was first published).
    await writeManifestCache(paths.warehouse, files, undefined, await martsFilesOf(paths.exportDir), reading);
    const record = toRunRecord({
      ...facts,
      status: 'up_to_date',
      message: `${unchanged}; marts republished: ${damage.length} ${damage.length === 1 ? 'file was' : 'files were'} not as published`,
    });
    await appendRunLog(paths.warehouse, record);
    return { record, changes, build: undefined, republished };
  } catch (error) {
    await logFailure(paths.warehouse, { ...facts, status: 'failed', message: (error as Error).message });
    throw error;
  }
}

/** The marts (`<name>.parquet` at the top of the folder) among the damaged files, by model name. */
function damagedMartsOf(damage: readonly MartsFileDamage[]): ReadonlySet<string> {
  return new Set(
    damage
      .filter((file) => !file.path.includes('/') && file.path.endsWith('.parquet'))
      .map((file) => file.path.slice(0, -'.parquet'.length)),
  );
}

/**
 * The published manifest and marts record, and the run history when the warehouse had to be opened for
 * them.
 */
interface PublishedFiles {
  readonly files: DataFile[] | undefined;
  readonly runs?: PublishedState['runs'];
  /** Undefined for a warehouse published by a pulse that did not record its marts. */
  readonly marts?: PublishedMartsFile[];
  /** Undefined for a warehouse published by a pulse that did not record how it read its sources. */
  readonly reading?: SourceReading;
}

/**
 * The manifest and marts record of the published warehouse: from its cache when that was written for this
 * very file, else read from the warehouse (and cached for the next run).
 */
async function publishedFilesOf(warehouse: string): Promise<PublishedFiles> {
  const cached = await readCachedState(warehouse);
  if (cached !== undefined) return cached;
  const { readPublishedState } = await import('../state/pulse-tables.js');
  const before = await warehouseIdentityOf(warehouse);
  const state = await readPublishedState(warehouse);
  const reading = state.sources && { sources: state.sources };
  if (before !== undefined && state.files !== undefined)
    await writeManifestCache(warehouse, state.files, before, state.marts, reading);
  return { ...state, ...(reading && { reading }) };
}

/** The project, loaded once, when first asked for. */
function projectLoader(project: RefreshOptions['project']): () => Promise<ProjectDefinition> {
  let loaded: Promise<ProjectDefinition> | undefined;
  return () => {
    loaded ??= typeof project === 'function' ? project() : Promise.resolve(project);
    return loaded;
  };
}

/**
 * Whether the published warehouse is what this code makes of these files: every source read as its
 * files were, and every model the one that built its relation. Without loading the project while the
 * code that recorded the fingerprints is still the code running (its files unchanged); else the
 * fingerprints are computed again (the models' against the published warehouse's record, so an edited
 * model is rebuilt, not reported "Up to date"), and when they are the same the cache records this code as
 * vouching for them (`record`), so the next up-to-date refresh is as quick as before.
 */
async function builtAsBefore(
  project: () => Promise<ProjectDefinition>,
  options: RefreshOptions,
  previous: PublishedFiles,
  record: (reading: SourceReading) => void,
): Promise<boolean> {
  if (previous.reading === undefined) return false;
  if (
    codeFilesUnchanged(previous.reading.code) &&
    options.projectEntry !== undefined &&
    previous.reading.project === options.projectEntry
  )
    return true;
  const loaded = await project();
  const { config } = await loadConfig(loaded.config, options.paths.configFile);
  const now = sourceReadFingerprints(loaded.sources, loaded.presets, config);
  if (sourcesReadOtherwise(previous.reading.sources, now).length > 0) return false;
  const { modelsBuiltAsBefore } = await import('./models-built-as-before.js');
  if (!(await modelsBuiltAsBefore(loaded, options.paths.warehouse))) return false;
  const code = runningCodeFiles();
  if (code !== undefined && previous.files !== undefined) {
    const reading = {
      sources: now,
      code,
      ...(options.projectEntry !== undefined && { project: options.projectEntry }),
    };
    await writeManifestCache(options.paths.warehouse, previous.files, undefined, previous.marts, reading);
    record(reading);
  }
  return true;
}

/**
 * The baseline with the sources read another way than their published rows were (a new Pulse, an edited
 * mapping file) to be read whole again, each said in the progress: unchanged files alone do not mean
 * unchanged rows. A warehouse that does not record how its sources were read has them all read again.
 */
function withSourcesReadAgain(
  baseline: IngestBaseline,
  before: SourceReading | undefined,
  now: Readonly<Record<string, string>>,
  onProgress: ((message: string) => void) | undefined,
): IngestBaseline {
  const otherwise = sourcesReadOtherwise(before?.sources, now).filter(
    (source) => before === undefined || before.sources[source] !== undefined,
  );
  if (otherwise.length === 0) return baseline;
  if (before === undefined)
    onProgress?.(
      'the published warehouse does not record how its sources were read (made by an older Pulse): ' +
        'all files of every source read again',
    );
  else
    for (const source of otherwise)
      onProgress?.(
        `${source}: how the source is read changed (a new Pulse or DuckDB, or an edited mapping): all files read again`,
      );
  return { ...baseline, readAgain: new Set(otherwise) };
}

/**
 * What the published warehouse holds that is still current: its files that are unchanged now. None when
 * it was not made by a refresh (no manifest) or the config changed (every judgement may differ).
 */
function baselineOf(
  before: readonly DataFile[] | undefined,
  now: readonly DataFile[],
): IngestBaseline | undefined {
  if (before === undefined) return undefined;
  const config = (files: readonly DataFile[]) => files.find((file) => file.source === 'config')?.sha256;
  if (config(before) !== config(now)) return undefined;
  const current = new Map(now.map((file) => [file.path, file.sha256]));
  const data = before.filter((file) => file.source !== 'config');
  return {
    files: data.map(({ path, source }) => ({ path, source })),
    unchanged: new Set(
      data.filter((file) => current.get(file.path) === file.sha256).map((file) => file.path),
    ),
  };
}

/** Throws SourceShrankError, before any model is built, when ingestion lost too many rows. */
async function shrinkGuardOf(project: ProjectDefinition, paths: PulsePaths) {
  const maxShrink = maxShrinkOf((await loadConfig(project.config, paths.configFile)).config);
  const { readPublishedRowCounts } = await import('./published-row-counts.js');
  const { rowsLeftOutBySource } = await import('./rows-left-out-counts.js');
  const published = await readPublishedRowCounts(paths.warehouse);
  return async (outcome: IngestOutcome, staged: ModelWarehouse) => {
    const leftOut = { now: await rowsLeftOutBySource(staged), published: published?.leftOut ?? {} };
    const shrunk = shrunkSources(outcome, project.sources, published?.loaded, maxShrink, leftOut);
    if (shrunk.length) throw new SourceShrankError(shrunk, maxShrink, 'refresh');
  };
}

/** Records a failed run; a failure to log must not hide the error that failed the run. */
async function logFailure(warehouse: string, facts: RunFacts): Promise<void> {
  await appendRunLog(warehouse, toRunRecord(facts)).catch(() => {});
}
