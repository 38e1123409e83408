import { readCsvHeader } from './csv-header.js';
import { mapHeader } from './header-mapping.js';
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

export interface DirectLoad {
  /** False when the file needs the staged path: its rows were taken out of the raw table again. */
  readonly loaded: boolean;
  /** Rows read = rows loaded (only when `loaded`). */
  readonly rows: number;
  readonly tempTables: readonly string[];
  readonly unknownColumns: readonly string[];
}

/**
 * The common case of a big CSV (every record valid, no blank line, no newline inside a value, nothing
 * rejected) in one read: the file's records are judged by the same SQL as the staged path and the valid
 * ones inserted straight into the raw table, with no VARCHAR copy and no judged copy of the file (at 50M
 * events those copies spilled gigabytes to disk). Only for sources judged row by row (no unique keys, no
 * valid_rows checks), where a file's verdicts do not depend on the other files.
 *
 * Lines are assumed to be `lines before data + 1 + record index`, the staged path's estimate, then
 * verified: with nothing rejected, physical lines = header lines + records + newlines inside values +
 * blank lines, and inserted = records - invalid records. So `lines = header lines + inserted` holds exactly
 * when no record is invalid, no value holds a newline and no line is blank: then the staged path would have
 * loaded the same rows with the same lines and quarantined none. Otherwise the file's rows are deleted and
 * the caller stages the file as before (one wasted read, only for such files).
 */
export async function loadCsvFileDirectly(
  context: FileReadContext,
  checks: Omit<CheckContext, 'column'>,
): Promise<DirectLoad> {
  const { warehouse, file, source } = context;
  const header = await readCsvHeader(file);
  const mapping = mapHeader(file.relativePath, header.names, source);
  const rejectLog = context.tempName('csv_reject_log');
  const rejectScans = context.tempName('csv_reject_scans');
  const tempTables = [rejectLog, rejectScans];
  const columns = header.names.map((_, index) => `c${index}`);
  const staging = `(
     select ${stagingSelectList(
       context,
       { row: 'f._k', line: `${header.linesBeforeData} + 1 + f._k` },
       mappedValues(mapping, (index) => `f.c${index}`),
     )}
     from (select ${[...columns, ''].join(', ')} ordinality - 1 as _k
           from read_csv(${sqlString(file.path)}, ${readerOptions(context, header, columns)},
                         store_rejects = true, rejects_table = '${rejectLog}', rejects_scan = '${rejectScans}')
                with ordinality) f)`;
  const target = checks.rawTable(source.name);
  let inserted: number;
  try {
    inserted = await warehouse.change(insertValidRowsSql(source, staging, target, file.relativePath, checks));
  } catch (error) {
    throw fileErrorOf(file, error, CSV_ADVICE);
  }
  const [{ rejected } = { rejected: 1 }] = await warehouse.query<{ rejected: number }>(
    `select count(*) as rejected from ${rejectLog}`,
  );
  if (rejected === 0) {
    const [counted] = await queryOnFile<{ lines: number }>(
      context,
      `select count(*) as lines from ${lineReaderOf(context, header)}`,
      CSV_ADVICE,
    );
    if (counted?.lines === header.linesBeforeData + inserted) {
      return { loaded: true, rows: inserted, tempTables, unknownColumns: mapping.unknown };
    }
  }
  await warehouse.exec(`delete from ${target} where _file = ${sqlString(file.relativePath)}`);
  return { loaded: false, rows: 0, tempTables, unknownColumns: mapping.unknown };
}
