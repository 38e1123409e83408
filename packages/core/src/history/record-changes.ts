import { existsSync } from 'node:fs';
import { copyFile, link, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isReadableParquet } from '../ingest/damaged-parquet.js';
import { readerPath } from '../ingest/sql-text.js';
import type { ProjectDefinition } from '../project/define-project.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import { CHANGES_FILES, changesDirOf, previousDirOf } from './changes-folder.js';
import {
  ACCOUNT_CHANGES_EMPTY,
  accountChangesSql,
  isNumericType,
  type MartColumns,
  MOVED_VALUES_EMPTY,
  movedValuesSql,
  quoteLiteral,
} from './diff-sql.js';
import type { FileChange } from './file-changes.js';
import { accountHistoryOf, type MonthlyMart, monthlyMartsOf, upstreamSourcesOf } from './history-marts.js';

export interface RecordChangesOptions {
  /** The open staged warehouse: used as the DuckDB engine only, nothing is written into it. */
  readonly warehouse: Warehouse;
  readonly project: ProjectDefinition;
  /** The marts folder as published before this run (the "previous run"). */
  readonly publishedMartsDir: string;
  /** The staged marts folder this run is about to publish. */
  readonly stagedMartsDir: string;
  /** The data files this run brought in (new, changed, removed); undefined when unknown. */
  readonly files: readonly FileChange[] | undefined;
}

export interface RecordedChanges {
  readonly firstRun: boolean;
  readonly martsCompared: readonly string[];
}

/**
 * Keeps what the previous published run said and what moved since, inside the staged marts folder, so
 * they are published with the marts or not at all (changes-folder.ts):
 * - `previous/`: the previous run's monthly marts and account history (hard links of its Parquet files);
 * - `changes/values.parquet`: every value of a monthly mart that moved, appeared or disappeared;
 * - `changes/accounts.parquet`: the account-months of the account history whose value moved;
 * - `changes/files.parquet`: the data files the run brought in;
 * - `changes/summary.parquet`: one row: first run or not, which marts were compared.
 * Does nothing for a project with neither monthly marts nor an account history.
 */
export async function recordChanges(options: RecordChangesOptions): Promise<RecordedChanges | undefined> {
  const { warehouse, project, publishedMartsDir, stagedMartsDir } = options;
  const marts = monthlyMartsOf(project);
  const history = accountHistoryOf(project);
  if (marts.length === 0 && history === undefined) return undefined;
  const previousDir = previousDirOf(stagedMartsDir);
  const changesDir = changesDirOf(stagedMartsDir);
  await rm(previousDir, { recursive: true, force: true });
  await rm(changesDir, { recursive: true, force: true });
  await mkdir(previousDir, { recursive: true });
  await mkdir(changesDir, { recursive: true });

  const kept = [...marts.map((mart) => mart.name), ...(history ? [history.model] : [])];
  let keptAny = false;
  for (const name of kept) {
    const published = join(publishedMartsDir, `${name}.parquet`);
    if (!existsSync(published)) continue;
    // A published mart someone damaged (cut short, overwritten) says nothing: left out, as if not published.
    if (!(await isReadableParquet(warehouse, published))) continue;
    // A Parquet file is only ever replaced by a rename, never rewritten: a hard link keeps its bytes.
    await link(published, join(previousDir, `${name}.parquet`)).catch(() =>
      copyFile(published, join(previousDir, `${name}.parquet`)),
    );
    keptAny = true;
  }
  const firstRun = !keptAny;

  const fileOf = (dir: string, name: string) => join(dir, `${name}.parquet`);
  const comparable = (name: string) =>
    existsSync(fileOf(previousDir, name)) && existsSync(fileOf(stagedMartsDir, name));
  const compared = marts.filter((mart) => comparable(mart.name));
  const valueParts: string[] = [];
  for (const [index, mart] of compared.entries()) {
    const columns = await martColumns(
      warehouse,
      mart,
      fileOf(previousDir, mart.name),
      fileOf(stagedMartsDir, mart.name),
    );
    valueParts.push(
      `select ${index} as mart_order, * from (${movedValuesSql(mart.name, fileOf(previousDir, mart.name), fileOf(stagedMartsDir, mart.name), columns)})`,
    );
  }
  const values = valueParts.length
    ? `select * exclude (mart_order, grain_order) from (${valueParts.join('\nunion all\n')})
       order by mart_order, grain_order, "column" nulls first, change`
    : `select * exclude (grain_order) from (${MOVED_VALUES_EMPTY})`;
  await copyTo(warehouse, values, join(changesDir, CHANGES_FILES.values));

  let accounts = ACCOUNT_CHANGES_EMPTY;
  if (history && comparable(history.model)) {
    const model = project.models.find((candidate) => candidate.name === history.model);
    const grain: readonly string[] = model?.grain ?? [];
    const month = grain.find((column) => column === 'month' || column.endsWith('_month')) ?? 'month';
    accounts = `${accountChangesSql(fileOf(previousDir, history.model), fileOf(stagedMartsDir, history.model), { ...history, month })}
      order by account_id, month`;
  }
  await copyTo(warehouse, accounts, join(changesDir, CHANGES_FILES.accounts));

  const feeding = history ? upstreamSourcesOf(project, history.model) : new Set<string>();
  const known = new Set(project.sources.map((source) => source.name));
  // A vendor table or the config is no canonical source: it may feed anything, so it counts as feeding.
  const feeds = (source: string) => feeding.has(source) || !known.has(source);
  await copyTo(warehouse, filesSql(options.files ?? [], feeds), join(changesDir, CHANGES_FILES.files));

  const list = (names: readonly string[]) =>
    names.length ? `[${names.map(quoteLiteral).join(', ')}]::varchar[]` : '[]::varchar[]';
  const notCompared = marts.filter((mart) => !comparable(mart.name)).map((mart) => mart.name);
  await copyTo(
    warehouse,
    `select ${firstRun} as first_run, ${list(compared.map((mart) => mart.name))} as marts_compared,
      ${list(firstRun ? [] : notCompared)} as marts_not_compared, ${options.files !== undefined} as files_known,
      ${history ? quoteLiteral(history.model) : 'null::varchar'} as account_history_mart`,
    join(changesDir, CHANGES_FILES.summary),
  );
  return { firstRun, martsCompared: compared.map((mart) => mart.name) };
}

/** The grain and the value columns both copies have (a column added or dropped by a model change is not compared). */
async function martColumns(
  warehouse: Warehouse,
  mart: MonthlyMart,
  previousFile: string,
  currentFile: string,
): Promise<MartColumns> {
  const describe = async (file: string) =>
    new Map(
      (
        await warehouse.query<{ column_name: string; column_type: string }>(
          `describe select * from read_parquet(${readerPath(file)})`,
        )
      ).map((row) => [row.column_name, row.column_type]),
    );
  const [before, after] = [await describe(previousFile), await describe(currentFile)];
  const values = [...after.entries()]
    .filter(([name]) => !mart.keys.includes(name) && before.has(name))
    .map(([name, type]) => ({ name, numeric: isNumericType(type) && isNumericType(before.get(name)!) }));
  return { keys: mart.keys, month: mart.month, values };
}

function filesSql(files: readonly FileChange[], feeds: (source: string) => boolean): string {
  if (files.length === 0)
    return `select null::varchar as path, null::varchar as source, null::varchar as change,
      null::boolean as feeds_account_history where false`;
  const rows = files.map(
    (file) =>
      `(${quoteLiteral(file.path)}, ${quoteLiteral(file.source)}, ${quoteLiteral(file.change)}, ${feeds(file.source)})`,
  );
  return `select * from (values ${rows.join(', ')}) as t(path, source, change, feeds_account_history) order by path`;
}

async function copyTo(warehouse: Warehouse, select: string, file: string): Promise<void> {
  await warehouse.exec(`copy (${select}) to ${quoteLiteral(file)} (format parquet, compression zstd)`);
}
