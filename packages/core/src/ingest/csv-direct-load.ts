import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Lane, Warehouse } from '../warehouse/warehouse.js';
import { FILE_READS_IN_FLIGHT, mapConcurrent } from './concurrent.js';
import { type CsvHeader, readCsvHeader } from './csv-header.js';
import { type HeaderMapping, mapHeader } from './header-mapping.js';
import { countPhysicalLines, outcomeOf, type Settled } from './physical-lines.js';
import { CSV_ADVICE, lineReaderOf, readerOptions } from './read-csv-file.js';
import type { CheckContext } from './source-definition.js';
import type { SourceFile } from './source-files.js';
import { readerPath, sqlString } from './sql-text.js';
import {
  type FileReadContext,
  fileErrorOf,
  mappedValues,
  queryOnFile,
  stagingSelectList,
} from './staged-file.js';
import { insertValidRowsSql } from './validation-query.js';

/**
 * Files read by one statement. DuckDB reads a gzip file on one thread, so one file at a time leaves the
 * other cores idle; a UNION ALL of a few files keeps them busy (two M parts together: ~1.5× the rows per
 * second of one alone, on the shared 2-core box).
 */
export const DIRECT_BATCH_FILES = 4;
/**
 * Small files are read many per statement instead: per statement and per file costs (planning, two reject
 * tables, a line count) made 10,000 one-row files 30× slower than the same rows in four files. A file up
 * to SMALL_FILE_BYTES joins one `read_csv([...])` with the files of the same header layout.
 */
const SMALL_FILE_BYTES = 1 << 20;
const SMALL_BATCH_FILES = 2000;

/** How many of the CSV files from `start` on one statement reads: four big ones, or many small ones. */
export function directBatchSize(files: readonly SourceFile[], start: number): number {
  let count = 0;
  const small = (file: SourceFile | undefined) => file !== undefined && isSmall(file);
  while (files[start + count]?.format === 'csv') {
    const limit = small(files[start + count]) ? SMALL_BATCH_FILES : DIRECT_BATCH_FILES;
    if (count >= limit) break;
    if (count >= DIRECT_BATCH_FILES && !small(files[start + count])) break;
    count++;
  }
  return Math.max(count, 1);
}

function isSmall(file: SourceFile): boolean {
  return (file.size ?? Infinity) <= SMALL_FILE_BYTES;
}

export type DirectLoad =
  | {
      /** False when the file needs the staged path: its rows were taken out of the raw table again. */
      readonly loaded: boolean;
      /** Rows read = rows loaded (0 unless `loaded`). */
      readonly rows: number;
      readonly tempTables: readonly string[];
      readonly unknownColumns: readonly string[];
    }
  | { readonly error: unknown };

export interface Prepared {
  readonly context: FileReadContext;
  readonly header: CsvHeader;
  readonly mapping: HeaderMapping;
  readonly rejectLog: string;
  readonly tempTables: readonly string[];
}

/**
 * The common case of big CSV files (every record valid, no blank line, no newline inside a value, nothing
 * rejected) in one read: records are judged by the same SQL as the staged path and the valid ones inserted
 * straight into the raw table, with no VARCHAR copy and no judged copy of the file (at 50M events those
 * copies spilled gigabytes to disk). Only for sources judged row by row (no unique keys, no valid_rows
 * checks), where a file's verdicts do not depend on the other files.
 *
 * Lines are assumed to be `lines before data + 1 + record index`, the staged path's estimate, then
 * verified per file: with nothing rejected, physical lines = header lines + records + newlines inside
 * values + blank lines, and inserted = records - invalid records. So `lines = header lines + inserted`
 * holds exactly when no record is invalid, no value holds a newline and no line is blank: then the staged
 * path would have loaded the same rows with the same lines and quarantined none. Otherwise the file's rows
 * are deleted and the caller stages the file as before (one wasted read, only for such files).
 *
 * Returns one entry per file, in order, up to and including the first whose header cannot be read (its
 * entry is the error, for the caller to throw when it reaches that file, after the earlier ones).
 */
export async function loadCsvFilesDirectly(
  contexts: readonly FileReadContext[],
  checks: Omit<CheckContext, 'column' | 'label'>,
  /** Files of this source numbered ahead (numberAhead), used instead of numbering them again. */
  ahead?: NumberingAhead,
): Promise<DirectLoad[]> {
  const { prepared, failure } = await prepareFiles(contexts);
  const loads: DirectLoad[] = prepared.length ? await loadPrepared(prepared, checks, true, ahead) : [];
  return failure ? [...loads, failure] : loads;
}

/**
 * The files' headers and column mappings, in order, up to the first whose header cannot be read (then
 * `failure`, for the caller to throw when it reaches that file).
 */
async function prepareFiles(
  contexts: readonly FileReadContext[],
): Promise<{ prepared: Prepared[]; failure?: { error: unknown } }> {
  const prepared: Prepared[] = [];
  // Read FILE_READS_IN_FLIGHT at a time, then taken in order: the first failing file ends the batch.
  const headers = await mapConcurrent(contexts, FILE_READS_IN_FLIGHT, (context) =>
    readCsvHeader(context.file),
  );
  for (const [index, context] of contexts.entries()) {
    try {
      const read = headers[index]!;
      if ('error' in read) throw read.error;
      const header = read.value;
      const mapping = mapHeader(context.file.relativePath, header.names, context.source);
      const rejectLog = context.tempName('csv_reject_log');
      const tempTables = [rejectLog, context.tempName('csv_reject_scans')];
      prepared.push({ context, header, mapping, rejectLog, tempTables });
    } catch (error) {
      return { prepared, failure: { error } };
    }
  }
  return { prepared };
}

/**
 * Big CSV files numbered before their source's turn. Why: the sources ingested before events (accounts,
 * subscriptions, invoices) run statements too small to keep both cores busy, so the first batch of a big
 * source is numbered on the lanes meanwhile (the work numberedOnLanes would do when its turn comes), not
 * after them. What was numbered ahead is used only for the same file with the same header; anything
 * that failed ahead is simply numbered again in its turn, where its error is reported in file order.
 */
export interface NumberingAhead {
  /** The file's read numbered ahead, once (undefined when it was not, or failed, or its header changed). */
  take(file: Prepared): Promise<NumberedRead | undefined>;
  /** Settles when no lane numbers ahead any more (the lanes are then free for the caller). */
  idle(): Promise<void>;
  /** Waits for the lanes, then deletes every numbered file not taken. */
  finish(): Promise<void>;
}

/**
 * Starts numbering the first batch of big CSV files among `contexts` (one source's files, in order);
 * undefined when there is none.
 */
export function numberAhead(contexts: readonly FileReadContext[]): NumberingAhead | undefined {
  const big = contexts.filter((context) => context.file.format === 'csv' && !isSmall(context.file));
  if (big.length === 0) return undefined;
  const reads = new Map<string, { header: CsvHeader; read: NumberedRead }>();
  const work = (async () => {
    const { prepared } = await prepareFiles(big.slice(0, DIRECT_BATCH_FILES));
    if (prepared.length === 0) return;
    const groups = prepared.map((file) => ({ files: [file] }));
    const numbered = await numberedOnLanes(groups);
    for (const [group, { path, rejected }] of numbered) {
      const { context, header } = group.files[0]!;
      if (path !== undefined) reads.set(context.file.path, { header, read: { path, rejected } });
    }
  })().catch(() => undefined); // Numbered again in its turn, which reports the error.
  return {
    async take(file) {
      await work;
      const ahead = reads.get(file.context.file.path);
      if (!ahead) return undefined;
      reads.delete(file.context.file.path);
      if (sameLayout(ahead.header, file.header)) return ahead.read;
      rmSync(ahead.read.path, { force: true });
      return undefined;
    },
    idle: () => work,
    async finish() {
      await work;
      for (const { read } of reads.values()) rmSync(read.path, { force: true });
      reads.clear();
    },
  };
}

/** Whether two reads of a header give the same numbering SQL (numberedRecordsSql) and lines. */
function sameLayout(a: CsvHeader, b: CsvHeader): boolean {
  return (
    JSON.stringify(a.names) === JSON.stringify(b.names) &&
    a.leadingBlankLines === b.leadingBlankLines &&
    a.linesBeforeData === b.linesBeforeData
  );
}

async function loadPrepared(
  prepared: readonly Prepared[],
  checks: Omit<CheckContext, 'column' | 'label'>,
  concatenate = true,
  ahead?: NumberingAhead,
): Promise<DirectLoad[]> {
  const { warehouse, source } = prepared[0]!.context;
  const target = checks.rawTable(source.name);
  const groups = groupsOf(prepared, concatenate);
  // Big files are counted beside DuckDB's read (physical-lines.ts) for the line proof: no serial second
  // read by DuckDB after the insert. (Small ones were counted by the header read, or DuckDB counts a
  // group of them at once: a stream each would cost more. But a gzip file the header read did not inflate
  // whole is inflated here too: only that finds a truncated one.)
  const counting = new Map(
    prepared
      .filter(
        (file) =>
          file.header.physicalLines === undefined && (!isSmall(file.context.file) || file.context.file.gzip),
      )
      .map((file) => [file.context.file.path, outcomeOf(countPhysicalLines(file.context.file))] as const),
  );
  // Big files read alone are read on the side first (numberedOnLanes): judged and inserted there when
  // nothing is in a transaction, else numbered for the insert below. A file with rejected records is
  // left out of that insert, and refused below like any file whose lines do not agree.
  const insertOnLane = warehouse.inTransaction
    ? undefined
    : (group: ReadGroup) =>
        insertValidRowsSql(
          source,
          `(${groupSelect(group)})`,
          target,
          sqlString(group.files[0]!.context.file.relativePath),
          checks,
        );
  let numbered: Map<ReadGroup, LaneRead>;
  try {
    numbered = await numberedOnLanes(groups.filter(readOnLane), ahead, insertOnLane);
  } catch (error) {
    await Promise.all(counting.values()); // No stream left reading once the error is out.
    throw error;
  }
  // The main insert reads every group not inserted on a lane, but no file a lane found rejects in.
  const insertedGroups = groups.filter((group) => {
    const read = numbered.get(group);
    return read === undefined || (read.path !== undefined && !read.rejected);
  });
  const staging =
    insertedGroups.length > 0
      ? `(${insertedGroups.map((group) => groupSelect(group, numbered.get(group))).join('\nunion all\n')})`
      : undefined;
  // A join with the names as one JSON parameter: a CASE of thousands of branches, a lookup in a list
  // literal (0.25 s per 2,000 files) or a VALUES list (0.05 s) cost more.
  const files =
    prepared.length === 1
      ? undefined
      : `(select unnest(from_json($1::varchar, '[{"i": "INTEGER", "n": "VARCHAR"}]'), recursive := true)) files(_file_index, _file_name)`;
  const fileName = files ? 'files._file_name' : sqlString(prepared[0]!.context.file.relativePath);
  const names = prepared.map(({ context }) => ({ i: context.fileIndex, n: context.file.relativePath }));
  try {
    if (staging !== undefined)
      await warehouse.change(
        insertValidRowsSql(source, staging, target, fileName, checks, files),
        files ? [JSON.stringify(names)] : [],
      );
  } catch (error) {
    throw await fileErrorIn(prepared, error);
  } finally {
    for (const group of groups) if (group.joined) rmSync(group.joined.path, { force: true });
    for (const read of numbered.values()) if (read.path) rmSync(read.path, { force: true });
  }
  // A rejected record of a joined read shifts the records after it onto the wrong file: its files are
  // taken out again and read as separate files.
  const again = new Map<Prepared, DirectLoad>();
  for (const group of groups.filter((group) => group.joined)) {
    const { rejectLog } = group.files[0]!;
    const [{ n } = { n: 0 }] = await warehouse.query<{ n: number }>(
      `select count(*)::integer as n from ${rejectLog}`,
    );
    if (n === 0) continue;
    await warehouse.exec(
      `delete from ${target} where _file in (${group.files.map(({ context }) => sqlString(context.file.relativePath)).join(', ')})`,
    );
    const fresh = group.files.map((file) => {
      const rejectLog = file.context.tempName('csv_reject_log');
      return { ...file, rejectLog, tempTables: [rejectLog, file.context.tempName('csv_reject_scans')] };
    });
    const reread = await loadPrepared(fresh, checks, false);
    for (const [index, file] of group.files.entries()) again.set(file, reread[index]!);
  }
  // A gzip file that does not inflate to its end is an error whether or not DuckDB complained (it reads
  // such a file up to the damage): the first in file order, as the staged path reads them.
  for (const file of prepared) {
    const count = await counting.get(file.context.file.path);
    if (count && 'error' in count) throw count.error;
  }
  const settled = groups.filter((group) => !group.files.some((file) => again.has(file)));
  // A lane's insert says how many rows it inserted; the other files are counted in the table (at L a
  // scan of the growing raw.events per batch: 0.2–0.4 s each).
  const inserted = new Map<string, number>();
  for (const [group, read] of numbered)
    if (read.path === undefined) inserted.set(group.files[0]!.context.file.relativePath, read.rows);
  const uncounted = prepared.filter(({ context }) => !inserted.has(context.file.relativePath));
  if (uncounted.length > 0) {
    const counted = await warehouse.query<{ file: string; n: number }>(
      `select _file as file, count(*) as n from ${target}
       where _file in (${uncounted.map(({ context }) => sqlString(context.file.relativePath)).join(', ')})
       group by _file`,
    );
    for (const row of counted) inserted.set(row.file, row.n);
  }
  const agreeing = new Set<Prepared>();
  for (const group of settled)
    for (const file of await linesAgree(group.files, inserted, counting, numbered.get(group)))
      agreeing.add(file);
  const loads: DirectLoad[] = [];
  const refused: string[] = [];
  for (const file of prepared) {
    const { context, tempTables, mapping } = file;
    // Only a group's first file names the reject tables its read_csv created (a lane drops its own).
    const created = groups.some((group) => group.files[0] === file && !numbered.has(group)) ? tempTables : [];
    const reread = again.get(file);
    if (reread) {
      if ('error' in reread) throw reread.error;
      loads.push({ ...reread, tempTables: [...created, ...reread.tempTables] });
      continue;
    }
    const rows = inserted.get(context.file.relativePath) ?? 0;
    const loaded = agreeing.has(file);
    // A file left out of the insert (rejects found on its lane) has no rows to take out again.
    if (!loaded && rows > 0) refused.push(sqlString(context.file.relativePath));
    loads.push({ loaded, rows: loaded ? rows : 0, tempTables: created, unknownColumns: mapping.unknown });
  }
  if (refused.length > 0)
    await warehouse.exec(`delete from ${target} where _file in (${refused.join(', ')})`);
  return loads;
}

/** A big file's records, numbered on a lane into a temporary Parquet file (`c0…`, `_k`). */
export interface NumberedRead {
  readonly path: string;
  /** True when DuckDB rejected a record of the file: it is not loaded directly. */
  readonly rejected: boolean;
}

/** A big file read on a lane: numbered into a temporary Parquet file, or judged and inserted there (no path). */
type LaneRead =
  | NumberedRead
  | {
      readonly path?: undefined;
      readonly rejected: boolean;
      /** Rows the lane inserted. */
      readonly rows: number;
    };

/** Connections numbering files at once: this machine's two cores, one single-threaded read each. */
const NUMBERING_LANES = 2;

/**
 * Runs `work` with DuckDB's worker threads off, on as many lanes as DuckDB had threads: each lane's
 * statement then runs on its own connection's thread alone. Why: a lane's insert is one pipeline on one
 * thread (its `with ordinality` read), and with the workers on, two such inserts at once cost far more
 * than one alone (two L parts, three runs each: 5.2–5.8 s and 10–11.5 CPU-s with DuckDB's two threads,
 * 3.6–3.9 s and 6.9–7.3 CPU-s with one; one part alone 3.1 CPU-s). The setting is the instance's, so
 * it is put back however the work ends; nothing else runs on the warehouse meanwhile (the ingestion waits
 * for its lanes).
 */
async function onOwnThreads<R>(warehouse: Warehouse, work: (lanes: number) => Promise<R>): Promise<R> {
  const [{ threads } = { threads: NUMBERING_LANES }] = await warehouse.query<{ threads: number }>(
    `select current_setting('threads')::integer as threads`,
  );
  await warehouse.exec('set threads = 1');
  try {
    return await work(Math.max(threads, 1));
  } finally {
    await warehouse.exec(`set threads = ${threads}`);
  }
}

/** A big file read alone: numbered on a lane. Small files are grouped, and cost more per statement. */
function readOnLane(group: ReadGroup): boolean {
  return !group.joined && group.files.length === 1 && !isSmall(group.files[0]!.context.file);
}

let numberedFiles = 0;

/**
 * Reads each group's one file on side connections, a file per lane at a time: with `insert`, judged and
 * inserted there (onOwnThreads), else its records numbered into a temporary Parquet file. Why: `with
 * ordinality` makes DuckDB run a statement's whole pipeline on one thread (a STREAMING_WINDOW), the
 * judging and the compressed insert included; one file per core keeps every core busy (numbered here,
 * the insert then reads the numbered rows on every core: 4 of L's parts 12.8 → 8–9 s). Throws the error
 * of the first file, in file order, that cannot be read, as the staged path would.
 */
async function numberedOnLanes(
  all: readonly ReadGroup[],
  ahead?: NumberingAhead,
  /** The statement that judges a group's file and inserts its valid rows, when a lane may insert. */
  insert?: (group: ReadGroup) => string,
): Promise<Map<ReadGroup, LaneRead>> {
  const numbered = new Map<ReadGroup, LaneRead>();
  const groups: ReadGroup[] = [];
  for (const group of all) {
    const read = await ahead?.take(group.files[0]!);
    if (read) numbered.set(group, read);
    else groups.push(group);
  }
  await ahead?.idle();
  if (groups.length === 0) return numbered;
  const { warehouse } = groups[0]!.files[0]!.context;
  // Temporary Parquet files only when numbering: a lane that inserts writes none.
  const paths = insert
    ? []
    : groups.map(() => join(tmpdir(), `pulse-numbered-${process.pid}-${++numberedFiles}.parquet`));
  const work = async (group: ReadGroup, lane: Lane): Promise<LaneRead> => {
    const { rejectLog, tempTables } = group.files[0]!;
    try {
      if (insert) {
        // Judged and inserted on the lane, one thread each: the numbered rows written to Parquet and read
        // back cost an L part 1.4 of its 4.6 CPU-s. Only outside a transaction, which would not see
        // the rows (the staged build, which discards the whole warehouse when any file fails).
        const rows = await lane.change(insert(group));
        const [{ n } = { n: 0 }] = await lane.query<{ n: number }>(
          `select count(*)::integer as n from ${rejectLog}`,
        );
        return { rejected: n > 0, rows };
      }
      // With the order kept, DuckDB writes the copy through its batch copy, which buffers and regroups
      // every row: one L part (2.5M records) 2.3 → 1.6–1.9 s, and four on two lanes 5.9–7.0 → 3.6–5.5 s
      // (four rounds each, alternated). Nothing needs it: `_k` numbers the records, and the numbering
      // (`with ordinality`) runs the read on one thread, which writes the rows in file order anyway.
      // A session setting: the ingestion's own connection keeps the order.
      await lane.query('set session preserve_insertion_order = false');
      const path = paths[groups.indexOf(group)]!;
      await lane.query(
        `copy (${numberedRecordsSql(group.files[0]!)}) to ${sqlString(path)} (format parquet, compression uncompressed)`,
      );
      const [{ n } = { n: 0 }] = await lane.query<{ n: number }>(
        `select count(*)::integer as n from ${rejectLog}`,
      );
      return { path, rejected: n > 0 };
    } finally {
      await lane.query(`drop table if exists ${rejectLog}; drop table if exists ${tempTables[1]}`);
    }
  };
  const results = insert
    ? await onOwnThreads(warehouse, (lanes) => warehouse.inLanes(groups, lanes, work))
    : await warehouse.inLanes(groups, NUMBERING_LANES, work);
  for (const [index, result] of results.entries())
    if (result.status === 'fulfilled') numbered.set(groups[index]!, result.value);
  const failed = results.findIndex((result) => result.status === 'rejected');
  if (failed >= 0) {
    for (const path of paths) rmSync(path, { force: true });
    const { reason } = results[failed] as PromiseRejectedResult;
    throw fileErrorOf(
      blamedFile(
        groups[failed]!.files.map((file) => file.context.file),
        reason,
      ),
      reason,
      CSV_ADVICE,
    );
  }
  return numbered;
}

/**
 * The file of a group read by one statement that DuckDB's error names (`Cannot open file ".../p20.csv"`,
 * a file removed while the group was read), else the group's first: the message blamed the first file
 * for any of them.
 */
export function blamedFile(files: readonly SourceFile[], error: unknown): SourceFile {
  const message = String((error as Error)?.message ?? error);
  return files.find((file) => message.includes(file.path)) ?? files[0]!;
}

/** Files read by one `read_csv`: separately (a list of paths), or joined into one temporary file. */
interface ReadGroup {
  readonly files: readonly Prepared[];
  /** The joined file: each line is `file index,record index,` and a line of one of the files. */
  readonly joined?: { readonly path: string };
}

let joinedFiles = 0;

/**
 * Files read by one `read_csv`: small files with the same header layout (names, lines before the data,
 * line ending, compression) go together; a big file is read alone. Of a layout's small files, those whose
 * every line is one record (joinableData) are written one after another into one temporary file, read
 * as one: DuckDB opening 2,000 files cost more than reading their rows.
 */
function groupsOf(prepared: readonly Prepared[], concatenate: boolean): ReadGroup[] {
  const layouts = new Map<string, Prepared[]>();
  for (const file of prepared) {
    const { header, context } = file;
    const key = isSmall(context.file)
      ? JSON.stringify([
          header.names,
          header.leadingBlankLines,
          header.linesBeforeData,
          header.newline,
          context.file.gzip,
        ])
      : `big:${context.fileIndex}`;
    layouts.set(key, [...(layouts.get(key) ?? []), file]);
  }
  const groups: ReadGroup[] = [];
  for (const files of layouts.values()) {
    const data = concatenate ? files.map(joinableData) : [];
    const joinable = files.filter((_, index) => data[index] !== undefined);
    if (joinable.length < 2) {
      groups.push({ files });
      continue;
    }
    const rest = files.filter((_, index) => data[index] === undefined);
    if (rest.length > 0) groups.push({ files: rest });
    groups.push(
      joinedGroup(
        joinable,
        data.filter((part) => part !== undefined),
      ),
    );
  }
  return groups;
}

/**
 * The data lines of a small plain file read whole, when each is exactly one record: no quote character
 * anywhere after the header, no blank line, every line ending the header's. Then record i of the file
 * is its line `lines before data + 1 + i`, and files can be read one after another as one.
 */
function joinableData(file: Prepared): Uint8Array | undefined {
  const { whole, newline, physicalLines, linesBeforeData } = file.header;
  if (!whole || newline === undefined || newline === '\r' || physicalLines === undefined) return undefined;
  const data = whole.bytes.subarray(whole.dataStart);
  if (data.includes(QUOTE)) return undefined;
  const lineFeeds = countOf(data, LF);
  if (countOf(data, CR) !== (newline === '\r\n' ? lineFeeds : 0)) return undefined;
  if (data[0] === LF || data[0] === CR) return undefined;
  const blank = Buffer.from(newline === '\r\n' ? '\n\r\n' : '\n\n');
  if (Buffer.from(data.buffer, data.byteOffset, data.byteLength).includes(blank)) return undefined;
  const records = lineFeeds + (data.length > 0 && data[data.length - 1] !== LF ? 1 : 0);
  return physicalLines === linesBeforeData + records ? data : undefined;
}

/**
 * Writes the files' data lines into one temporary file, each prefixed with its file's index and its
 * record index in that file (two fields more: the lines hold no quote, so they parse the same), under a
 * header of plain column names. Each row then says where it comes from: nothing to look up.
 */
function joinedGroup(files: readonly Prepared[], data: readonly Uint8Array[]): ReadGroup {
  const { header } = files[0]!;
  const newline = Buffer.from(header.newline!);
  const columns = ['_fi', '_k', ...header.names.map((_, index) => `c${index}`)];
  const parts: Uint8Array[] = [Buffer.from(columns.join(',')), newline];
  for (const [index, part] of data.entries()) {
    const fileIndex = files[index]!.context.fileIndex;
    let record = 0;
    for (let start = 0; start < part.length; record++) {
      const end = part.indexOf(LF, start);
      const stop = end < 0 ? part.length : end + 1;
      parts.push(Buffer.from(`${fileIndex},${record},`), part.subarray(start, stop));
      if (end < 0) parts.push(newline);
      start = stop;
    }
  }
  const path = join(tmpdir(), `pulse-joined-${process.pid}-${++joinedFiles}.csv`);
  try {
    writeFileSync(path, Buffer.concat(parts));
  } catch {
    return { files }; // No room in the temporary folder: the files are read as they are.
  }
  return { files, joined: { path } };
}

function countOf(bytes: Uint8Array, byte: number): number {
  let count = 0;
  for (let at = bytes.indexOf(byte); at >= 0; at = bytes.indexOf(byte, at + 1)) count++;
  return count;
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/** The files of a group as a DuckDB list literal, in file order. */
function pathList(group: readonly Prepared[]): string {
  return group.length === 1
    ? readerPath(group[0]!.context.file.path)
    : `[${group.map(({ context }) => readerPath(context.file.path)).join(', ')}]`;
}

/** One file's records (`c0…`) with their index in the file (`_k`), its rejects stored in its reject tables. */
function numberedRecordsSql({ context, header, rejectLog, tempTables }: Prepared): string {
  const columns = header.names.map((_, index) => `c${index}`);
  return `select ${[...columns, ''].join(', ')} ordinality - 1 as _k
          from read_csv(${readerPath(context.file.path)}, ${readerOptions(context, header, columns)},
                        store_rejects = true, rejects_table = '${rejectLog}', rejects_scan = '${tempTables[1]}')
               with ordinality`;
}

/**
 * One group's records as staging rows, each line assumed to be the estimate verified by linesAgree. A
 * multi-file read numbers rows across files in file order, so a file's record index is its ordinality
 * minus the first ordinality of that file; the file is DuckDB's `file_index` (its position in the list):
 * no path is compared, and a group of consecutive files needs no lookup at all.
 */
function groupSelect({ files: group, joined }: ReadGroup, numbered?: LaneRead): string {
  const { context, header, mapping, rejectLog, tempTables } = group[0]!;
  const columns = header.names.map((_, index) => `c${index}`);
  const list = stagingSelectList(
    context,
    {
      row: 'f._k',
      line: `${header.linesBeforeData} + 1 + f._k`,
      ...(group.length > 1 && { fileIndex: 'f._fi' }),
    },
    mappedValues(mapping, (index) => `f.c${index}`),
  );
  if (numbered?.path) return `select ${list}\n     from read_parquet(${readerPath(numbered.path)}) f`;
  if (group.length === 1) return `select ${list}\n     from (${numberedRecordsSql(group[0]!)}) f`;
  const read = joined
    ? `read_csv(${readerPath(joined.path)}, ${readerOptions(context, { ...header, leadingBlankLines: 0 }, ['_fi', '_k', ...columns])},
                store_rejects = true, rejects_table = '${rejectLog}', rejects_scan = '${tempTables[1]}')`
    : `read_csv(${pathList(group)}, ${readerOptions(context, header, columns)},
                         store_rejects = true, rejects_table = '${rejectLog}', rejects_scan = '${tempTables[1]}') with ordinality`;
  if (joined) {
    return `select ${list}
     from (select ${columns.map((c) => `r.${c}`).join(', ')}${columns.length ? ',' : ''} r._fi::INTEGER as _fi,
                  r._k::BIGINT as _k
           from ${read} r) f`;
  }
  const indexes = group.map((file) => file.context.fileIndex);
  const consecutive = indexes.every((fileIndex, position) => fileIndex === indexes[0]! + position);
  const fileIndex = consecutive ? `r.file_index::INTEGER + ${indexes[0]}` : 'm.fi';
  const lookup = consecutive
    ? ''
    : ` join (values ${indexes.map((fi, position) => `(${position}, ${fi})`).join(', ')}) m(position, fi) on m.position = r.file_index`;
  return `select ${list}
     from (select ${columns.map((c) => `r.${c}`).join(', ')}${columns.length ? ',' : ''} ${fileIndex} as _fi,
                  r.ordinality - min(r.ordinality) over (partition by r.file_index) as _k
           from ${read} r${lookup}) f`;
}

/**
 * The files of a group for which nothing was rejected and physical lines = header lines + loaded rows
 * (see loadCsvFilesDirectly): one query for the rejects and one line count for the whole group.
 */
async function linesAgree(
  group: readonly Prepared[],
  inserted: ReadonlyMap<string, number>,
  /** Line counts under way by path (countPhysicalLines); undefined when DuckDB must count. */
  counting: ReadonlyMap<string, Promise<Settled<number | undefined>>>,
  /** The group's lane read, when it was read on a lane (which looked at its rejects). */
  numbered?: LaneRead,
): Promise<Prepared[]> {
  const { context, header, rejectLog, tempTables } = group[0]!;
  const rejected = numbered
    ? new Set(numbered.rejected ? [context.file.path] : [])
    : new Set(
        (
          await context.warehouse.query<{ path: string }>(
            `select distinct s.file_path as path from ${rejectLog} e join ${tempTables[1]} s using (scan_id, file_id)`,
          )
        ).map((row) => row.path),
      );
  const candidates = group.filter((file) => !rejected.has(file.context.file.path));
  if (candidates.length === 0) return [];
  // Small files were read whole for their header, which counted their lines then (when it could).
  const lines = new Map<string, number>();
  for (const file of candidates) {
    const { path } = file.context.file;
    const count = await counting.get(path);
    const counted = file.header.physicalLines ?? (count && 'value' in count ? count.value : undefined);
    if (counted !== undefined) lines.set(path, counted);
  }
  const paths = candidates.map((file) => file.context.file.path).filter((path) => !lines.has(path));
  if (paths.length > 0) {
    const counted = await queryOnFile<{ path: string; lines: number }>(
      context,
      paths.length === 1
        ? `select ${sqlString(paths[0]!)} as path, count(*) as lines from ${lineReaderOf(candidates.find((file) => file.context.file.path === paths[0])!.context, header)}`
        : `select filename as path, count(*) as lines from ${lineReaderOf(context, header, paths)} group by 1`,
      CSV_ADVICE,
    );
    for (const row of counted) lines.set(row.path, row.lines);
  }
  return candidates.filter(
    (file) =>
      (lines.get(file.context.file.path) ?? 0) ===
      header.linesBeforeData + (inserted.get(file.context.file.relativePath) ?? 0),
  );
}

/**
 * The error the staged path would have reported: it reads files one by one, so the first file that fails
 * alone is to blame. The transaction is aborted by then, so each file is re-read on a second connection.
 */
async function fileErrorIn(prepared: readonly Prepared[], error: unknown): Promise<Error> {
  if (prepared.length > 1) {
    for (const { context, header } of prepared) {
      const columns = header.names.map((_, index) => `c${index}`);
      try {
        await context.warehouse.queryAside(
          `select count(*) from read_csv(${readerPath(context.file.path)}, ${readerOptions(context, header, columns)},
                                         store_rejects = true, rejects_table = '${context.tempName('probe_log')}',
                                         rejects_scan = '${context.tempName('probe_scans')}')`,
        );
      } catch (fileError) {
        return fileErrorOf(context.file, fileError, CSV_ADVICE);
      }
    }
  }
  return fileErrorOf(prepared[0]!.context.file, error, CSV_ADVICE);
}
