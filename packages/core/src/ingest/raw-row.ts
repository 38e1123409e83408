import type {
  EnumColumnType,
  SourceColumn,
  SourceColumnType,
  SourceDefinition,
} from './source-definition.js';

/**
 * The JS value of a column of `raw.<source>` (rawColumnType gives its DuckDB type), under the dialect's value
 * policy: DATE (date, month) → `'YYYY-MM-DD'`, TIMESTAMP → `Date`, DOUBLE and INTEGER → `number`, an enum →
 * the union of its values, anything else (id, string, currency) → `string`.
 */
export type RawColumnValue<Type extends SourceColumnType> = Type extends EnumColumnType
  ? Type['enum'][number]
  : Type extends 'timestamp'
    ? Date
    : Type extends 'money' | 'decimal' | 'integer'
      ? number
      : Type extends 'boolean'
        ? boolean
        : string;

/** A required column never holds null in `raw`, nor does one with a default (stored instead of null). */
type RawCellValue<Column extends SourceColumn> = Column extends
  | { readonly required: true }
  | { readonly default: string | number | boolean }
  ? RawColumnValue<Column['type']>
  : RawColumnValue<Column['type']> | null;

/**
 * Where a valid row came from, added by ingestion to every `raw` table: `_file` is the path relative to the
 * data folder, `_line` the 1-based physical line (header = 1; a Parquet file's row index).
 */
export interface RawLineage {
  _file: string;
  _line: number;
}

/** The row type of `raw.<source>`, derived from the source's declaration (declare it with `defineSource`). */
export type RawRow<Source extends SourceDefinition> = {
  [Column in Source['columns'][number] as Column['name']]: RawCellValue<Column>;
} & RawLineage extends infer Row
  ? { [Key in keyof Row]: Row[Key] }
  : never;

/** The Kysely database type of schema `raw` for a union of sources: `'raw.<name>'` → `RawRow`. */
export type RawTablesOf<Source extends SourceDefinition> = {
  [Each in Source as `raw.${Each['name']}`]: RawRow<Each>;
};
