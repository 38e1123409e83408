import { type CsvHeader, readCsvHeader } from './csv-header.js';
import { type HeaderMapping, mapHeader } from './header-mapping.js';
import { CSV_ADVICE, lineReaderOf, readerOptions } from './read-csv-file.js';
import type { CheckContext } from './source-definition.js';
import { sqlString } from './sql-text.js';
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

interface Prepared {
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
  checks: Omit<CheckContext, 'column'>,
): Promise<DirectLoad[]> {
  const prepared: Prepared[] = [];
  let headerError: DirectLoad | undefined;
  for (const context of contexts) {
    try {
      const header = await readCsvHeader(context.file);
      const mapping = mapHeader(context.file.relativePath, header.names, context.source);
      const rejectLog = context.tempName('csv_reject_log');
      const tempTables = [rejectLog, context.tempName('csv_reject_scans')];
      prepared.push({ context, header, mapping, rejectLog, tempTables });
    } catch (error) {
      headerError = { error };
      break;
    }
  }
  const loads: DirectLoad[] = prepared.length ? await loadPrepared(prepared, checks) : [];
  return headerError ? [...loads, headerError] : loads;
}

async function loadPrepared(prepared: readonly Prepared[], checks: Omit<CheckContext, 'column'>) {
  const { warehouse, source } = prepared[0]!.context;
  const target = checks.rawTable(source.name);
  const staging = `(${prepared.map(stagingSelect).join('\nunion all\n')})`;
  const fileName = `(case _file_index ${prepared
    .map(({ context }) => `when ${context.fileIndex} then ${sqlString(context.file.relativePath)}`)
    .join(' ')} end)`;
  try {
    await warehouse.change(insertValidRowsSql(source, staging, target, fileName, checks));
  } catch (error) {
    throw await fileErrorIn(prepared, error);
  }
  const inserted = await warehouse.query<{ file: string; n: number }>(
    `select _file as file, count(*) as n from ${target}
     where _file in (${prepared.map(({ context }) => sqlString(context.file.relativePath)).join(', ')})
     group by _file`,
  );
  const loads: DirectLoad[] = [];
  for (const file of prepared) {
    const { context, tempTables, mapping } = file;
    const rows = inserted.find((row) => row.file === context.file.relativePath)?.n ?? 0;
    const loaded = await linesAgree(file, rows);
    if (!loaded) {
      await warehouse.exec(`delete from ${target} where _file = ${sqlString(context.file.relativePath)}`);
    }
    loads.push({ loaded, rows: loaded ? rows : 0, tempTables, unknownColumns: mapping.unknown });
  }
  return loads;
}

/** One file's records as staging rows, each line assumed to be the estimate verified by linesAgree. */
function stagingSelect({ context, header, mapping, rejectLog, tempTables }: Prepared): string {
  const columns = header.names.map((_, index) => `c${index}`);
  const list = stagingSelectList(
    context,
    { row: 'f._k', line: `${header.linesBeforeData} + 1 + f._k` },
    mappedValues(mapping, (index) => `f.c${index}`),
  );
  return `select ${list}
     from (select ${[...columns, ''].join(', ')} ordinality - 1 as _k
           from read_csv(${sqlString(context.file.path)}, ${readerOptions(context, header, columns)},
                         store_rejects = true, rejects_table = '${rejectLog}', rejects_scan = '${tempTables[1]}')
                with ordinality) f`;
}

/** Nothing rejected and physical lines = header lines + loaded rows (see loadCsvFilesDirectly). */
async function linesAgree({ context, header, rejectLog }: Prepared, rows: number): Promise<boolean> {
  const [{ rejected } = { rejected: 1 }] = await context.warehouse.query<{ rejected: number }>(
    `select count(*) as rejected from ${rejectLog}`,
  );
  if (rejected > 0) return false;
  const [counted] = await queryOnFile<{ lines: number }>(
    context,
    `select count(*) as lines from ${lineReaderOf(context, header)}`,
    CSV_ADVICE,
  );
  return counted?.lines === header.linesBeforeData + rows;
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
          `select count(*) from read_csv(${sqlString(context.file.path)}, ${readerOptions(context, header, columns)},
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
