import type { Warehouse } from '../warehouse/warehouse.js';
import type { HeaderMapping } from './header-mapping.js';
import { IngestFileError } from './ingest-errors.js';
import type { SourceDefinition } from './source-definition.js';
import type { SourceFile } from './source-files.js';
import { quoteIdentifier, sqlString } from './sql-text.js';
import { UNFIT_COLUMN } from './unfit-values.js';

/**
 * One file read into DuckDB, exposed as a SELECT with the staging columns every format produces:
 * `_file_index, _row, _line, _malformed, _raw_text, _unfit_column` and one VARCHAR per source column
 * (NULL when the file lacks it). `_row` finds the row again among the file's original rows, `_malformed`
 * says why a record could not be split into columns, `_raw_text` holds such a record's text,
 * `_unfit_column` names the first column whose value is not one value of it (unfit-values.ts).
 */
export interface StagedFile {
  readonly select: string;
  /** `_unfit_column` may be set (else it is NULL on every row, and judging need not look at it). */
  readonly unfitValues?: boolean;
  /** Where the quarantine finds the row as read, to store it as JSON. */
  readonly originals: OriginalRows;
  readonly tempTables: readonly string[];
  readonly unknownColumns: readonly string[];
  /** The `leave_out` rules (indexes) whose column the file lacks: warned once per source, not per file. */
  readonly rulesWithoutColumn?: readonly number[];
  readonly warnings: readonly string[];
}

export interface OriginalRows {
  /** A relation, aliased `o` by the caller, with a `_row` column matching the staging `_row`. */
  readonly relation: string;
  /** SQL over `o`: the row as JSON text with the original column names. */
  readonly rawJson: string;
}

export interface FileReadContext {
  readonly warehouse: Warehouse;
  readonly source: SourceDefinition;
  readonly file: SourceFile;
  readonly fileIndex: number;
  /** A fresh name for a temporary table, unique within the ingestion. */
  readonly tempName: (purpose: string) => string;
}

/**
 * The staging column list of a file: `columnValue` gives the SQL text of each mapped source column. A
 * source with `leave_out` rules (rows-left-out.ts) has one more column, `_left_out`: `row.leftOut`, the
 * index of the rule the row matches (NULL for a malformed record, which is quarantined as ever).
 */
export function stagingSelectList(
  context: FileReadContext,
  row: {
    row: string;
    line: string;
    malformed?: string;
    rawText?: string;
    fileIndex?: string;
    unfitColumn?: string;
    leftOut?: string;
  },
  columnValue: (column: string) => string | undefined,
): string {
  const columns = context.source.columns.map((column) => {
    const value = columnValue(column.name);
    return `${value === undefined ? 'NULL' : value}::VARCHAR as ${quoteIdentifier(column.name)}`;
  });
  return [
    `(${row.fileIndex ?? context.fileIndex})::INTEGER as _file_index`,
    `(${row.row})::BIGINT as _row`,
    `(${row.line})::BIGINT as _line`,
    `(${row.malformed ?? 'NULL'})::VARCHAR as _malformed`,
    `(${row.rawText ?? 'NULL'})::VARCHAR as _raw_text`,
    `(${row.unfitColumn ?? 'NULL'})::VARCHAR as ${UNFIT_COLUMN}`,
    ...columns,
    ...(context.source.leftOut ? [`(${row.leftOut ?? 'NULL'})::INTEGER as _left_out`] : []),
  ].join(',\n       ');
}

/** An export column by name (case-insensitively after trimming, like headers), as `expressionOf` its index. */
export function vendorColumnOf(names: readonly string[], expressionOf: (index: number) => string) {
  return (column: string): string | undefined => {
    const wanted = column.trim().toLowerCase();
    const index = names.findIndex((name) => name.trim().toLowerCase() === wanted);
    return index < 0 ? undefined : expressionOf(index);
  };
}

/** `json_object('Header', o."c0", ...)`: the original row with the file's own header names, values as text. */
export function jsonObjectOf(names: readonly string[], columnValue: (index: number) => string): string {
  if (names.length === 0) return `'{}'`;
  const pairs = names.map((name, index) => `${sqlString(name)}, ${columnValue(index)}::VARCHAR`);
  return `json_object(${pairs.join(', ')})::VARCHAR`;
}

/** The source column fed by each file column, as `columnValue` for stagingSelectList (first non-null spelling). */
export function mappedValues(mapping: HeaderMapping, expressionOf: (index: number) => string) {
  return (column: string): string | undefined => {
    const expressions = mapping.targets.flatMap((target, index) =>
      target === column ? [expressionOf(index)] : [],
    );
    if (expressions.length === 0) return undefined;
    return expressions.length === 1 ? expressions[0] : `coalesce(${expressions.join(', ')})`;
  };
}

/** Runs SQL that reads a file; a DuckDB error becomes an IngestFileError naming the file. */
export async function runOnFile(context: FileReadContext, sqlText: string, advice: string): Promise<void> {
  try {
    await context.warehouse.exec(sqlText);
  } catch (error) {
    throw fileErrorOf(context.file, error, advice);
  }
}

export async function queryOnFile<R>(
  context: FileReadContext,
  sqlText: string,
  advice: string,
): Promise<R[]> {
  try {
    return await context.warehouse.query<R>(sqlText);
  } catch (error) {
    throw fileErrorOf(context.file, error, advice);
  }
}

export function fileErrorOf(file: SourceFile, error: unknown, advice: string): IngestFileError {
  if (error instanceof IngestFileError) return error;
  const message = (error as Error).message ?? String(error);
  if (/not utf-8|invalid unicode|invalid encoding/i.test(message)) {
    return new IngestFileError(
      file.relativePath,
      'the file is not valid UTF-8; re-export it as UTF-8 (e.g. iconv -f latin1 -t utf-8 in > out).',
    );
  }
  if (/out of memory/i.test(message)) {
    return new IngestFileError(
      file.relativePath,
      `${duckdbProblem(message)} DuckDB ran out of memory reading this file: raise the warehouse memory_limit ` +
        'or free memory; the file itself may be fine.',
    );
  }
  const hint = /state machine reached an invalid state/.test(message)
    ? ' This usually means mixed line endings (\\n and \\r\\n, or a stray \\r): convert the file with dos2unix.'
    : '';
  return new IngestFileError(file.relativePath, `${duckdbProblem(message)}${hint} ${advice}`);
}

/** The lines of a DuckDB error that say what went wrong, without the reader options it lists after them. */
function duckdbProblem(message: string): string {
  const lines: string[] = [];
  for (const line of message.split('\n')) {
    if (/^\s*(Possible|file =|\* )/.test(line) || (lines.length > 0 && !line.trim())) break;
    // The offending line itself can be megabytes long; the user has the file and line number.
    if (line.trim() && !line.startsWith('Original Line')) lines.push(line.trim().slice(0, 300));
  }
  const text = lines.slice(0, 3).join(' ') || message;
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
