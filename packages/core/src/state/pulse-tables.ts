import { existsSync } from 'node:fs';
import { Warehouse } from '../warehouse/warehouse.js';
import type { DataFile } from './data-files.js';
import type { PublishedMartsFile } from './published-marts.js';
import type { RunRecord, RunStatus } from './run-record.js';

/** What the published warehouse remembers of earlier refreshes. */
export interface PublishedState {
  /** Undefined when the warehouse does not exist or was built by `pulse build` (no manifest). */
  readonly files: DataFile[] | undefined;
  readonly runs: RunRecord[];
  /** The marts folder as the publish left it; undefined when published by a pulse that did not record it. */
  readonly marts?: PublishedMartsFile[];
  /**
   * Per source, how its files were read (refresh/source-read-fingerprints.ts); undefined for a warehouse
   * published by a pulse that did not record it.
   */
  readonly sources?: Record<string, string>;
}

/**
 * The one store of the `pulse.*` state tables: `pulse.ingested_files` and `pulse.runs` (what a refresh
 * compares the data folder with, and the run history), `pulse.model_fingerprints` and `pulse.build_vars`
 * (how each model's relation was built), `pulse.published_marts` (the marts folder published with the
 * warehouse), `pulse.source_fingerprints` (how each source's files were read). Their DDL, writes and reads live here and nowhere else, except `pulse.rows_left_out` and
 * `pulse.preset_rows_ignored`, which ingestion writes beside the raw tables they describe
 * (ingest/rows-left-out.ts, ingest/preset-rows-ignored.ts: state/ imports ingest/, not the other way round).
 */

/** Reads `pulse.ingested_files` and `pulse.runs` of the published warehouse, read-only. */
export async function readPublishedState(path: string): Promise<PublishedState> {
  if (!existsSync(path)) return { files: undefined, runs: [] };
  const warehouse = await Warehouse.open(path, { readOnly: true });
  try {
    const tables = await pulseTables(warehouse);
    const files = tables.has('ingested_files') ? await readIngestedFiles(warehouse) : undefined;
    const runs = tables.has('runs') ? await readRuns(warehouse) : [];
    const marts = tables.has('published_marts') ? await readPublishedMarts(warehouse) : undefined;
    const sources = tables.has('source_fingerprints') ? await readSourceFingerprints(warehouse) : undefined;
    return { files, runs, ...(marts && { marts }), ...(sources && { sources }) };
  } finally {
    await warehouse.close();
  }
}

/** Writes the manifest of the files this refresh ingested and the whole run history into the staged warehouse. */
export async function writePulseTables(
  warehouse: Warehouse,
  files: readonly DataFile[],
  runs: readonly RunRecord[],
  sources: Readonly<Record<string, string>>,
): Promise<void> {
  const manifest = await writeIngestedFiles(warehouse, files);
  await writeRuns(warehouse, runs);
  await writeSourceFingerprints(warehouse, sources, manifest);
}

/**
 * `pulse.source_fingerprints`: per source, how the files of `pulse.ingested_files` were read (the source
 * definition after its mapping, refresh/source-read-fingerprints.ts). A refresh reads again the files of a
 * source whose reading changed since, though the files did not.
 *
 * Each row also holds the `ingested_at` of the manifest written with it (`manifest`, from
 * writeIngestedFiles). A Pulse from before the fingerprints rewrites the manifest and its rows but leaves
 * this table as it was: after a rollback to such a version and an upgrade again, the fingerprints
 * described rows that were since read by other code, and the refresh trusted them (unchanged files kept
 * rows read another way). Fingerprints whose manifest is not the published one are not trusted.
 */
export async function writeSourceFingerprints(
  warehouse: Warehouse,
  sources: Readonly<Record<string, string>>,
  manifest: IngestedFilesManifest,
): Promise<void> {
  await warehouse.exec(`create schema if not exists pulse;
    create or replace table pulse.source_fingerprints (source varchar primary key, fingerprint varchar not null,
      manifest_ingested_at timestamp not null)`);
  await warehouse.append(
    'pulse',
    'source_fingerprints',
    Object.entries(sources).map(([source, fingerprint]) => [source, fingerprint, manifest.ingestedAt]),
  );
}

/**
 * The fingerprints, when they were written with the published manifest (every row's manifest_ingested_at
 * is the manifest's ingested_at); undefined when another Pulse rewrote the manifest since, or when they
 * do not say (the first Pulse to record them): the refresh then reads every source again.
 */
async function readSourceFingerprints(warehouse: Warehouse): Promise<Record<string, string> | undefined> {
  const columns = (await warehouse.relation('pulse', 'source_fingerprints'))?.columns ?? [];
  if (!columns.some((column) => column.name === 'manifest_ingested_at')) return undefined;
  const rows = await warehouse.query<{ source: string; fingerprint: string; current: boolean }>(
    `select source, fingerprint,
       coalesce(manifest_ingested_at = (select max(ingested_at) from pulse.ingested_files),
                not exists (select 1 from pulse.ingested_files)) as current
     from pulse.source_fingerprints order by source`,
  );
  if (!rows.every((row) => row.current === true)) return undefined;
  return Object.fromEntries(rows.map((row) => [row.source, row.fingerprint]));
}

/** What writeIngestedFiles wrote: the `ingested_at` of every row, which the source fingerprints pair with. */
export interface IngestedFilesManifest {
  readonly ingestedAt: Date;
}

/**
 * `pulse.ingested_files`: what the next refresh compares the data folder with. `mtime_ns` (nanoseconds,
 * added after the first release, so last and nullable) lets the next scan reuse a sha256 (scanDataFiles).
 */
export async function writeIngestedFiles(
  warehouse: Warehouse,
  files: readonly DataFile[],
): Promise<IngestedFilesManifest> {
  await warehouse.exec('create schema if not exists pulse');
  await warehouse.exec(`create or replace table pulse.ingested_files (
    path varchar primary key, size bigint not null, mtime timestamp not null, sha256 varchar not null,
    source varchar not null, ingested_at timestamp not null, mtime_ns bigint)`);
  // The Appender: one insert per file, then bound-row batches, then literal rows all made 10,000 files
  // cost a second or more.
  const ingestedAt = new Date();
  await warehouse.append(
    'pulse',
    'ingested_files',
    files.map((file) => [
      file.path,
      file.size,
      file.mtime,
      file.sha256,
      file.source,
      ingestedAt,
      file.mtimeNs === undefined ? null : BigInt(file.mtimeNs),
    ]),
  );
  return { ingestedAt };
}

async function readIngestedFiles(warehouse: Warehouse): Promise<DataFile[]> {
  const columns = (await warehouse.relation('pulse', 'ingested_files'))?.columns ?? [];
  const hasNs = columns.some((column) => column.name === 'mtime_ns');
  const rows = await warehouse.query<Omit<DataFile, 'mtimeNs'> & { mtime_ns: string | null }>(
    `select path, size, mtime, sha256, source, ${hasNs ? 'mtime_ns::varchar' : 'NULL::varchar'} as mtime_ns
     from pulse.ingested_files order by path`,
  );
  return rows.map(({ mtime_ns, ...file }) => ({
    ...file,
    ...(mtime_ns === null ? {} : { mtimeNs: BigInt(mtime_ns) }),
  }));
}

/**
 * `pulse.published_marts`: every file of the marts folder published with this warehouse, as written (size,
 * mtime), so a refresh notices marts that are not what it published without reading them.
 */
export async function writePublishedMarts(
  warehouse: Warehouse,
  files: readonly PublishedMartsFile[],
): Promise<void> {
  await warehouse.exec(`create schema if not exists pulse;
    create or replace table pulse.published_marts (path varchar primary key, size bigint not null,
      mtime_ns varchar not null)`);
  await warehouse.append(
    'pulse',
    'published_marts',
    files.map((file) => [file.path, file.size, file.mtime_ns]),
  );
}

async function readPublishedMarts(warehouse: Warehouse): Promise<PublishedMartsFile[]> {
  const rows = await warehouse.query<{ path: string; size: bigint | number; mtime_ns: string }>(
    'select path, size, mtime_ns from pulse.published_marts order by path',
  );
  return rows.map((row) => ({ path: row.path, size: Number(row.size), mtime_ns: row.mtime_ns }));
}

async function writeRuns(warehouse: Warehouse, runs: readonly RunRecord[]): Promise<void> {
  await warehouse.exec(`create or replace table pulse.runs (
    run_id varchar primary key, started_at timestamp not null, finished_at timestamp not null,
    status varchar not null, files_ingested integer not null, rows_per_source json not null,
    quarantined_rows integer not null, models_built integer not null, models_skipped integer not null,
    tests_failed integer not null, duration_seconds double not null, message varchar)`);
  await warehouse.append(
    'pulse',
    'runs',
    runs.map((run) => [
      run.run_id,
      new Date(run.started_at),
      new Date(run.finished_at),
      run.status,
      run.files_ingested,
      JSON.stringify(run.rows_per_source),
      run.quarantined_rows,
      run.models_built,
      run.models_skipped,
      run.tests_failed,
      run.duration_seconds,
      run.message ?? null,
    ]),
  );
}

/**
 * The files of `pulse.ingested_files` (a whole successful build or refresh) with the source their place
 * names, the config file left out; empty when the warehouse has none (a `--select` or failed build).
 */
export async function readIngestedFileSources(
  warehouse: Warehouse,
): Promise<{ path: string; source: string }[]> {
  if (!(await pulseTables(warehouse)).has('ingested_files')) return [];
  return warehouse.query<{ path: string; source: string }>(
    `select path, source from pulse.ingested_files where source <> 'config' order by path`,
  );
}

async function pulseTables(warehouse: Warehouse): Promise<Set<string>> {
  const relations = await warehouse.relations();
  return new Set(relations.filter((table) => table.schema === 'pulse').map((table) => table.name));
}

interface RunRow extends Omit<RunRecord, 'started_at' | 'finished_at' | 'rows_per_source' | 'status'> {
  readonly started_at: Date;
  readonly finished_at: Date;
  readonly status: string;
  readonly rows_per_source: string;
}

async function readRuns(warehouse: Warehouse): Promise<RunRecord[]> {
  const rows = await warehouse.query<RunRow>(
    'select * exclude (rows_per_source), rows_per_source::varchar as rows_per_source from pulse.runs order by started_at',
  );
  return rows.map((row) => ({
    ...row,
    started_at: row.started_at.toISOString(),
    finished_at: row.finished_at.toISOString(),
    status: row.status as RunStatus,
    rows_per_source: JSON.parse(row.rows_per_source) as Record<string, number>,
  }));
}

/** How a model's relation was built, as `pulse.model_fingerprints` keeps it. */
export interface ModelState {
  /** modelFingerprint: SQL with bound values, contract, tests. */
  readonly fingerprint: string;
  /** The same without the bound values: equal when only vars (e.g. as_of) changed. */
  readonly codeFingerprint: string;
  /** Order-independent digest of the rows, for tables small enough to digest; null otherwise. */
  readonly contentHash: string | null;
}

/** `pulse.model_fingerprints` and `pulse.build_vars`: how the warehouse's model relations were built. */
export interface BuildState {
  readonly models: ReadonlyMap<string, ModelState>;
  /** The vars the relations were built with (JSON), or undefined when not recorded. */
  readonly vars: unknown;
}

export async function writeBuildState(warehouse: Warehouse, state: BuildState): Promise<void> {
  // The models are built here now, whatever engine built the file before (modelsOnServer).
  await warehouse.exec(
    `create schema if not exists pulse;
     drop table if exists pulse.models_on_server;
     create or replace table pulse.model_fingerprints (model varchar primary key, fingerprint varchar not null,
       code_fingerprint varchar not null, content_hash varchar);
     create or replace table pulse.build_vars (vars json not null)`,
  );
  await warehouse.append(
    'pulse',
    'model_fingerprints',
    [...state.models].map(([model, { fingerprint, codeFingerprint, contentHash }]) => [
      model,
      fingerprint,
      codeFingerprint,
      contentHash,
    ]),
  );
  await warehouse.append('pulse', 'build_vars', [[JSON.stringify(state.vars ?? null)]]);
}

/**
 * The `pulse.*` tables that only a Pulse build or refresh writes: `build_vars` (every local build since
 * 2026-12-01), and `ingested_files` and `runs`, which the versions before it wrote too. A warehouse one of
 * those versions published is still a Pulse warehouse: its next refresh upgrades it (it reads everything
 * again, readBuildState finding no record), where refusing it left no way on but moving the file aside.
 */
const PULSE_WRITTEN_TABLES = ['build_vars', 'ingested_files', 'runs', 'models_on_server'] as const;

/**
 * `pulse.models_on_server`: a PostgreSQL build (`--engine postgres`) ingests into the local warehouse
 * and builds the models on the server, so the local file holds the raw and quarantine tables but no
 * model. Recorded so that the commands reading ingestion (`pulse sources`, `pulse status`) take the file
 * as a Pulse warehouse, and those reading models (`pulse test`, `check`, `digest`) say where they are;
 * a local build or refresh of the file drops it (writeBuildState).
 */
export async function writeModelsOnServer(warehouse: Warehouse, target: string): Promise<void> {
  await warehouse.exec(
    `create schema if not exists pulse;
     create or replace table pulse.models_on_server (target varchar not null)`,
  );
  await warehouse.append('pulse', 'models_on_server', [[target]]);
}

/** The server (its URL, password hidden) whose build the local warehouse's models are on, if any. */
export async function modelsOnServer(warehouse: Warehouse): Promise<string | undefined> {
  if (!(await pulseTables(warehouse)).has('models_on_server')) return undefined;
  const [row] = await warehouse.query<{ target: string }>('select target from pulse.models_on_server');
  return row?.target;
}

/** Whether the warehouse holds a table only a Pulse build or refresh writes (of this version or older). */
export async function hasBuildRecord(warehouse: Warehouse): Promise<boolean> {
  const tables = await pulseTables(warehouse);
  return PULSE_WRITTEN_TABLES.some((table) => tables.has(table));
}

/**
 * Empty when the warehouse has no record (built before these tables existed): everything rebuilds. No
 * model either when the source fingerprints are not those of the published file list (a Pulse from before
 * them refreshed since, readSourceFingerprints): that Pulse rebuilt the models with its own SQL and left
 * `pulse.model_fingerprints` as it was, so they no longer say how the relations were built.
 */
export async function readBuildState(warehouse: Warehouse): Promise<BuildState> {
  const tables = await pulseTables(warehouse);
  if (!tables.has('model_fingerprints') || !tables.has('build_vars'))
    return { models: new Map(), vars: undefined };
  const stale = tables.has('source_fingerprints') && (await readSourceFingerprints(warehouse)) === undefined;
  const rows = await warehouse.query<{
    model: string;
    fingerprint: string;
    code_fingerprint: string;
    content_hash: string | null;
  }>('select * from pulse.model_fingerprints');
  const [vars] = await warehouse.query<{ vars: string }>(
    'select vars::varchar as vars from pulse.build_vars',
  );
  return {
    models: new Map(
      (stale ? [] : rows).map((row) => [
        row.model,
        {
          fingerprint: row.fingerprint,
          codeFingerprint: row.code_fingerprint,
          contentHash: row.content_hash,
        },
      ]),
    ),
    vars: vars ? JSON.parse(vars.vars) : undefined,
  };
}
