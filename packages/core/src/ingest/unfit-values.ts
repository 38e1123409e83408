import { formatsTried } from './column-formats.js';
import { shownValue } from './column-parsing.js';
import { columnLabel, type ScalarColumnType, type SourceColumn } from './source-definition.js';
import { sqlString } from './sql-text.js';

/**
 * Values that are not one value of their column, whatever their text: a JSON object or array (a Parquet
 * struct, list or map), and true/false in an id column. Every value is staged as text, and the text of
 * `{"a":1}` or `true` would pass as an id or a string; only the reader still sees what the value was. It
 * names the first such column of a row (contract order) in the staging column `_unfit_column`, and the
 * judging (validation-query.ts) quarantines the row there as `wrong_type`.
 *
 * A JSON number stays text (CONTRACT.md: numbers are read as strings, `12` is the id `12`); true/false
 * stays text in a string column (free text may say true) and is judged as usual elsewhere (a boolean
 * column reads it, a date column refuses it). Only an id refuses it: no id is true, so it is a
 * misplaced flag.
 */
export const UNFIT_COLUMN = '_unfit_column';

/** The staging `_unfit_column`: the first column, in contract order, whose `unfit` test is true. */
export function unfitColumnSql(
  columns: readonly SourceColumn[],
  unfit: (column: SourceColumn) => string | undefined,
): string {
  const whens = columns.flatMap((column) => {
    const test = unfit(column);
    return test === undefined ? [] : [`when ${test} then ${sqlString(column.name)}`];
  });
  return whens.length ? `(case ${whens.join(' ')} end)` : 'NULL';
}

/**
 * JSON Lines: SQL boolean, whether the value at `path` of the line `json`, whose text (`->>`) is `text`,
 * does not fit `column`; NULL when there is no value, so a coalesce over several spellings of a column
 * tests the value it reads. The line is parsed again only for a text that could be such a value (starting
 * with `{` or `[`, or true/false in an id column): a clean value pays two prefix tests (LIKE, cheaper than
 * `left(…) in …`: at 1M lines of five columns, about +5% CPU on extracting the values, against about +40%).
 */
export function jsonValueUnfit(column: SourceColumn, text: string, json: string, path: string): string {
  const isId = column.type === 'id';
  const suspect = `${text} like '{%' or ${text} like '[%'${isId ? ` or ${text} in ('true', 'false')` : ''}`;
  const kinds = isId ? `'OBJECT', 'ARRAY', 'BOOLEAN'` : `'OBJECT', 'ARRAY'`;
  return `(case when ${suspect} then json_type(${json}, ${sqlString(path)}) in (${kinds}) when ${text} is not null then false end)`;
}

/**
 * Parquet: whether a column of this type (DuckDB's name, from DESCRIBE) cannot feed `column`. A column of
 * logical type JSON may hold a value or not, row by row: parquetJsonUnfit judges it.
 */
export function parquetTypeUnfit(column: SourceColumn, parquetType: string): boolean {
  const nested = /^(STRUCT|MAP)\(/i.test(parquetType) || /\]$/.test(parquetType);
  return nested || (column.type === 'id' && parquetType.toUpperCase() === 'BOOLEAN');
}

/** Parquet: whether a column of this type holds JSON, each value to be read and judged as JSON Lines' are. */
export function isParquetJson(parquetType: string): boolean {
  return parquetType.toUpperCase() === 'JSON';
}

/**
 * Parquet, a JSON column `value`: SQL boolean, whether its value does not fit `column`, as jsonValueUnfit
 * judges a JSON Lines value (NULL when there is none).
 */
export function parquetJsonUnfit(column: SourceColumn, value: string): string {
  return jsonValueUnfit(column, `(${value} ->> '$')`, value, '$');
}

/**
 * PostgreSQL table source: SQL boolean, whether the json or jsonb value `value` (a column, or a path into
 * one with `#>`), whose text (`#>>`) is `text`, does not fit `column`, as jsonValueUnfit judges a JSON
 * Lines value; NULL when there is none. As there, the JSON type is asked only of a text that could be
 * such a value: at 1M rows reaching into a jsonb column, about +50 ms on the server against +130 ms
 * (psql, alternated).
 */
export function postgresJsonUnfit(
  column: SourceColumn,
  text: string,
  value: string,
  type: 'json' | 'jsonb',
): string {
  const isId = column.type === 'id';
  const suspect = `${text} like '{%' or ${text} like '[%'${isId ? ` or ${text} in ('true', 'false')` : ''}`;
  const kinds = isId ? `'object', 'array', 'boolean'` : `'object', 'array'`;
  return `(case when ${suspect} then ${type}_typeof(${value}) in (${kinds}) when ${text} is not null then false end)`;
}

/**
 * PostgreSQL table source: whether a column of this type category (pg_type.typcategory) cannot feed
 * `column`, as parquetTypeUnfit judges a Parquet column: an array (A) is a list, a composite (C) a struct,
 * and a boolean (B) feeds no id. Its value is then read as JSON (`to_jsonb`), so the reason says array or
 * object as it would for the same value in JSON Lines.
 */
export function postgresTypeUnfit(column: SourceColumn, category: string): boolean {
  return category === 'A' || category === 'C' || (column.type === 'id' && category === 'B');
}

/**
 * The reason sentence of a value of `_unfit_column`, from its text `v`: the text of an object starts
 * with `{` (DuckDB writes a Parquet map `{k=v}`), of an array or list with `[`; else it is true/false.
 * Written once for every reader: files on DuckDB, and PostgreSQL table sources (judge-table-source.ts).
 */
export function unfitValueReason(column: SourceColumn, v: string): string {
  const what = `(case left(${v}, 1) when '{' then ' is an object, not a single value: '
                 when '[' then ' is an array, not a single value: '
                 else ' is a true/false value, not an id: ' end)`;
  return `${sqlString(`${columnLabel(column)} '`)} || ${shownValue(v)} || '''' || ${what} || ${sqlString(`write ${singleValueAdvice(column)}`)}`;
}

/** What to write instead, for a reason sentence. */
function singleValueAdvice(column: SourceColumn): string {
  const type = column.type;
  if (typeof type === 'object') return `one of: ${type.enum.join(', ')}`;
  const formats = formatsTried(column.format ?? 'iso');
  if (formats.length > 1) return `one value in one of the formats ${formats.join(', ')}`;
  if (formats[0] !== 'iso' && formats[0] !== 'decimal') return `one value in the format ${formats[0]}`;
  const advice: Record<ScalarColumnType, string> = {
    id: 'the id as a string or number',
    string: 'the text as a string',
    date: 'the date as a string such as 2026-03-31',
    month: 'the month as a string such as 2026-03',
    timestamp: 'the timestamp as an ISO 8601 string such as 2026-03-31T09:30:00Z',
    money: 'the amount as a plain number such as 49.90',
    decimal: 'a plain number such as 1.0825',
    integer: 'a whole number',
    boolean: 'true, false, 1 or 0',
    currency: 'a three-letter currency code such as USD',
  };
  return advice[type];
}
