import { heldValues, unfitWhereHeld } from './empty-unless.js';
import { mapHeader } from './header-mapping.js';
import { leftOutColumn } from './rows-left-out.js';
import { readByRule } from './rule-columns.js';
import { quoteIdentifier, readerPath } from './sql-text.js';
import {
  type FileReadContext,
  jsonObjectOf,
  mappedValues,
  queryOnFile,
  type StagedFile,
  stagingSelectList,
  vendorColumnOf,
} from './staged-file.js';
import { holdsInstants } from './time-zone-reach.js';
import { isParquetJson, parquetJsonUnfit, parquetTypeUnfit, unfitColumnSql } from './unfit-values.js';

/** Contract column types whose values are days. */
const DATE_TYPES = new Set(['date', 'month']);
/** DuckDB's names of Parquet timestamps without a time zone. */
const NAIVE_TIMESTAMP = /^TIMESTAMP(_S|_MS|_NS)?$/;

const ADVICE =
  'It is not a readable Parquet file: re-export it, or give it the extension of its real format.';

/**
 * Reads a Parquet file in place (no copy): each column is cast to VARCHAR so every format goes through
 * the same parsing and checks; `line` is the 1-based row index (`file_row_number` + 1). A column of a
 * nested type (struct, list, map), or true/false feeding an id, holds no value of its contract column: its
 * rows with a value are `wrong_type` (`_unfit_column`, unfit-values.ts), as a column of another wrong
 * type is (its texts do not parse): the same value quarantines the same way in every format, and its
 * empty rows load. A column of logical type JSON holds any JSON value row by row: it is read and judged
 * value by value as JSON Lines is (a string without its quotes, an object or array `wrong_type`).
 */
export async function stageParquetFile(context: FileReadContext): Promise<StagedFile> {
  const reader = `read_parquet(${readerPath(context.file.path)}, file_row_number = true)`;
  // DESCRIBE reads only the footer: a file that is not Parquet fails here, before any data is read.
  const described = await queryOnFile<{ column_name: string; column_type: string }>(
    context,
    `describe select * exclude (file_row_number) from ${reader}`,
    ADVICE,
  );
  const names = described.map((column) => column.column_name);
  const mapping = mapHeader(context.file.relativePath, names, context.source);
  const columnsByName = new Map(context.source.columns.map((column) => [column.name, column]));
  // A JSON column's value as JSON Lines reads it: a string without its quotes, an object as its text. A
  // timestamp column feeding a date (pandas writes dates as midnight timestamps) reads as its day where it
  // is midnight: that text is the date itself, where `2025-02-07 00:00:00` quarantined every row.
  const columnText = (index: number) => {
    const value = `t.${quoteIdentifier(names[index]!)}`;
    const type = described[index]!.column_type;
    if (isParquetJson(type)) return `(${value} ->> '$')`;
    const target = mapping.targets[index];
    const dated = target !== undefined && DATE_TYPES.has(String(columnsByName.get(target)?.type));
    if (dated && NAIVE_TIMESTAMP.test(type))
      return `(case when ${value} = date_trunc('day', ${value}) then strftime(${value}, '%Y-%m-%d') else ${value}::VARCHAR end)`;
    // An instant is a day where it is midnight UTC, the contract's zone. As a timestamp, its text keeps
    // its offset, so no source's time_zone moves it (time-zone-reach.ts).
    if (dated && holdsInstants(type)) {
      const utc = `timezone('UTC', ${value})`;
      return `(case when ${utc} = date_trunc('day', ${utc}) then strftime(${utc}, '%Y-%m-%d') else ${value}::VARCHAR end)`;
    }
    return value;
  };
  const mappedValue = mappedValues(mapping, columnText);
  const exportValue = vendorColumnOf(names, columnText);
  const { held, columnValue } = heldValues(
    context.source,
    context.file.relativePath,
    mappedValue,
    exportValue,
  );
  const leftOut = leftOutColumn(context.source, exportValue);
  // Known from the footer (a Parquet column has one type): a file without such a column stages NULL. A
  // JSON column is judged value by value; only such a column pays for it.
  const unfitTests = new Map(
    mapping.targets.flatMap((target, index) => {
      if (target === undefined) return [];
      const column = columnsByName.get(target)!;
      const type = described[index]!.column_type;
      const value = `t.${quoteIdentifier(names[index]!)}`;
      if (isParquetJson(type)) return [[target, parquetJsonUnfit(column, value)] as const];
      return parquetTypeUnfit(column, type) ? [[target, `${value} is not null`] as const] : [];
    }),
  );
  const select = `select ${stagingSelectList(
    context,
    {
      row: 't.file_row_number',
      line: 't.file_row_number + 1',
      unfitColumn: unfitColumnSql(context.source.columns, (column) =>
        unfitWhereHeld(held, (name) => unfitTests.get(name))(column.name),
      ),
      leftOut: leftOut.expression,
    },
    columnValue,
  )} from ${reader} t`;
  return {
    select,
    unfitValues: unfitTests.size > 0,
    originals: {
      relation: `(select file_row_number as _row, * from ${reader})`,
      rawJson: jsonObjectOf(names, (index) => `o.${quoteIdentifier(names[index]!)}`),
    },
    tempTables: [],
    unknownColumns: mapping.unknown.filter((name) => !readByRule(context.source, name)),
    rulesWithoutColumn: leftOut.missing,
    warnings: [],
  };
}
