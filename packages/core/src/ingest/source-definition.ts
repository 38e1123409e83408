import { PulseError } from '../errors.js';

/** A source declaration is inconsistent (unknown column, bad default…): caught at import, before any data is read. */
export class SourceDefinitionError extends PulseError {
  override readonly name = 'SourceDefinitionError';
}

/**
 * How a raw text value is read (CONTRACT.md "Types"). Every value arrives as text; a value that does not
 * parse is a `wrong_type` row error, except an enum, whose unlisted values are `unknown_value`.
 * - `id`, `string`: text; an id is trimmed. `currency`: three letters, upper-cased.
 * - `date`: `YYYY-MM-DD`. `timestamp`: ISO 8601, UTC when it has no offset, stored as UTC TIMESTAMP.
 * - `money`, `decimal`: a plain decimal number (DOUBLE); no symbols, no thousands separators.
 * - `integer`: a whole number (INTEGER). `boolean`: true/false/1/0, any case.
 * - `month`: `YYYY-MM` or a date, stored as the first day of its month (DATE).
 * - `{ enum: [...] }`: one of the listed values, matched exactly (a value in another case is `unknown_value`).
 */
export type ScalarColumnType =
  | 'id'
  | 'string'
  | 'date'
  | 'timestamp'
  | 'money'
  | 'currency'
  | 'integer'
  | 'decimal'
  | 'boolean'
  | 'month';

export interface EnumColumnType {
  readonly enum: readonly string[];
}

export type SourceColumnType = ScalarColumnType | EnumColumnType;

/** Bounds of a numeric column; a value outside is `out_of_range`. Bounds are inclusive unless marked. */
export interface ValueRange {
  readonly min?: number;
  readonly max?: number;
  readonly minExclusive?: boolean;
  readonly maxExclusive?: boolean;
}

export interface SourceColumn {
  /** Lower-case name; headers match it case-insensitively after trimming. */
  readonly name: string;
  readonly type: SourceColumnType;
  /** A null (empty) value is a `missing_required` row error. */
  readonly required?: boolean;
  /** Stored instead of null, e.g. segment `unknown`; only for optional columns. */
  readonly default?: string | number | boolean;
  readonly range?: ValueRange;
  readonly description: string;
  /**
   * Set by a `sources.<source>.columns` mapping of pulse.config.json (source-mapping.ts), never by a
   * project: the vendor's column the value is read from, how reasons name the column, and the key of
   * pulse.config.json that named it (`sources.accounts.columns.segment`, `presets.hubspot.segment`).
   */
  readonly mapped?: { readonly header: string; readonly label: string; readonly key?: string };
  /** Set by `sources.<source>.values`: vendor value → canonical value, matched exactly after trimming. */
  readonly valueMap?: Readonly<Record<string, string>>;
  /** Set by `sources.<source>.formats`: how the vendor writes the values (column-formats.ts). */
  readonly format?: ColumnFormat;
  /**
   * Set on timestamp columns by `sources.<source>.time_zone`: the IANA zone of the export's wall-clock
   * times, for values that carry no offset (column-parsing.ts).
   */
  readonly timeZone?: string;
  /** Set by `sources.<source>.empty_unless`: the value is read only on some rows (empty-unless.ts). */
  readonly emptyUnless?: EmptyUnlessRule;
}

/**
 * A `sources.<source>.empty_unless` entry (a shipped mapping's too): the column's value holds only on the
 * rows whose export column `column` has one of `values` (matched case-insensitively after trimming, as a
 * `leave_out` rule matches); on any other row it is read as empty. A ticket reopened after a solve keeps
 * its last solve time in dbt_zendesk's ticket metrics, though it is open again.
 */
export interface EmptyUnlessRule {
  /** The export's column (a dotted key in JSON Lines), matched like a header. */
  readonly column: string;
  readonly values: readonly string[];
  /** The key of pulse.config.json that set the rule (`sources.tickets.empty_unless.resolved_at`, `presets.zendesk`). */
  readonly key: string;
}

/** A `sources.<source>.formats` entry: one format, or several tried in order (column-formats.ts). */
export type ColumnFormat = string | readonly string[];

/** How a reason sentence names the column: `account_id`, or `` `Record ID` (accounts.account_id) `` when mapped. */
export function columnLabel(column: SourceColumn): string {
  return column.mapped?.label ?? column.name;
}

/** `column` must hold a key of a valid row of `source` (ingested earlier), else `reasonCode`. */
export interface SourceReference {
  readonly column: string;
  readonly source: string;
  readonly key: string;
  readonly reasonCode: string;
}

export interface CheckContext<Config = any> {
  readonly config: Config;
  /** SQL name of the raw table of another source, e.g. `raw."fx_rates"`; list it in the check's `reads`. */
  rawTable(source: string): string;
  /** The checked row's column, qualified: use it inside subqueries, where a bare name could bind to them. */
  column(name: string): string;
  /**
   * How a reason names a column of the checked source, as plain text (quote it with sqlString):
   * `resolved_at`, or `` `Solved at` (tickets.resolved_at) `` when a mapping reads it from a vendor column.
   */
  label(name: string): string;
}

/** `label` of a CheckContext for `source`: columnLabel of its column, else the name as given. */
export function labelsOf(source: SourceDefinition): (name: string) => string {
  return (name) => {
    const column = source.columns.find((candidate) => candidate.name === name);
    return column ? columnLabel(column) : name;
  };
}

/**
 * A rule on typed rows, written in SQL over the source's column names (typed as in `raw`) and `_order`
 * (a BIGINT that sorts rows in file order: files by name, then line).
 */
export interface RowCheck<Config = any> {
  readonly reasonCode: string;
  /** The column at fault, stored in quarantine.column; it also places the check in column order. */
  readonly column: string;
  readonly description: string;
  /**
   * `row` (default): a property of the row alone; it may read raw tables of sources ingested earlier.
   * `valid_rows`: a comparison with the source's other rows that passed every `row` check, type check,
   * reference and this source's unique keys included — window functions are allowed (overlapping periods).
   */
  readonly scope?: 'row' | 'valid_rows';
  /**
   * `valid_rows` checks only: the rule for a row round one found invalid at a later column, whose first
   * problem in column order is then this one (a period with a bad is_trial that overlaps an earlier one).
   * An SQL boolean comparing the row (its columns through `context.column`, `_order` included) with
   * `validRows`, the rows round one found valid (the source's columns and `_order`). Without it, such a
   * row keeps its own problem.
   */
  readonly failsForInvalidRow?: (context: CheckContext<Config>, validRows: string) => string;
  /** Sources whose raw tables the SQL reads: they must come earlier in the ingestion order. */
  readonly reads?: readonly string[];
  /** SQL boolean, TRUE when the row is bad. NULL passes: null or unparsable inputs are reported by their own checks. */
  readonly failsWhen: (context: CheckContext<Config>) => string;
  /** SQL VARCHAR expression: the human sentence stored in quarantine.reason. */
  readonly reason: (context: CheckContext<Config>) => string;
}

/**
 * One raw source of the contract: where it comes from, its columns in contract order (which decides the
 * "first problem in column order" of a row) and its row rules. Ingestion turns it into `raw.<name>`
 * (valid rows, typed) and `quarantine.<name>` (rejected rows with the reason).
 * `Columns` and `Name` keep the literal declaration that `defineSource` infers, so the row type of
 * `raw.<name>` is derived from it (`RawRow`, raw-row.ts) instead of being written a second time.
 */
export interface SourceDefinition<
  Config = any,
  Columns extends readonly SourceColumn[] = readonly SourceColumn[],
  Name extends string = string,
> {
  /** Snake_case; the file stem or folder name in the data folder and the table name. */
  readonly name: Name;
  /** A missing required source fails ingestion; a missing optional one yields empty tables. */
  readonly required: boolean;
  readonly description: string;
  readonly columns: Columns;
  /** Each key is unique over valid rows; a later row (file order) repeating it is `duplicate_id`, blamed on the key's first column. */
  readonly uniqueKeys?: readonly (readonly string[])[];
  readonly references?: readonly SourceReference[];
  readonly checks?: readonly RowCheck<Config>[];
  /**
   * Set by `sources.<source>.leave_out` of pulse.config.json (source-mapping.ts), never by a project: the
   * export rows that are no rows of the source (a deleted ticket), left out before judging and counted.
   */
  readonly leftOut?: LeftOutRows;
  /**
   * Groups of columns of which each file's header must have at least one (`[['customer_id', 'customer']]`),
   * else the file is a file error. Set by the engine for a preset's vendor tables (vendor-tables.ts), whose
   * columns are all optional text; a project's own source marks its columns `required` instead.
   */
  readonly headerRequires?: readonly (readonly string[])[];
}

/** One rule of `sources.<source>.leave_out`: rows whose `column` holds one of `values` are left out. */
export interface LeaveOutRule {
  /** The export's column (a dotted key in JSON Lines), matched like a header: case-insensitively after trimming. */
  readonly column: string;
  /** Matched case-insensitively after trimming. */
  readonly values: readonly string[];
  /** What such rows are, in plain words: "1 row left out as <reason> (<column> <value>)". */
  readonly reason: string;
  /**
   * The column may be absent (a sync's bookkeeping column, such as Fivetran's `_fivetran_deleted`, that
   * some tables or exports lack): a file without it is read whole, without the warning a missing column
   * otherwise gets.
   */
  readonly optional?: boolean;
}

export interface LeftOutRows {
  readonly rules: readonly LeaveOutRule[];
  /** The key of pulse.config.json that set the rules (`sources.tickets.leave_out`, `presets.zendesk`). */
  readonly key: string;
}

/** The reason code of a repeated unique key. */
export const DUPLICATE_REASON = 'duplicate_id';

const SNAKE_CASE = /^[a-z][a-z0-9_]*$/;
const NUMERIC_TYPES = new Set<SourceColumnType>(['money', 'decimal', 'integer']);

/**
 * Declares a source, checked eagerly so a mistake fails at import with the name of what is wrong. The
 * columns are inferred as written (`const`), so `RawRow<typeof source>` knows each column's name and type;
 * `Config` is inferred from typed checks (`RowCheck<MyConfig>`), else `any`.
 */
export function defineSource<
  Config = any,
  const Columns extends readonly SourceColumn[] = readonly SourceColumn[],
  const Name extends string = string,
>(source: SourceDefinition<Config, Columns, Name>): SourceDefinition<Config, Columns, Name> {
  const fail = (what: string): never => {
    throw new SourceDefinitionError(`Source "${source.name}": ${what}`);
  };
  if (!SNAKE_CASE.test(source.name)) fail('the name must be snake_case (a-z, 0-9, _).');
  if (!source.description.trim()) fail('add a description: it is shown in the docs.');
  if (source.columns.length === 0) fail('declare at least one column.');
  const names = new Set<string>();
  for (const column of source.columns) {
    checkColumn(column, fail);
    if (names.has(column.name)) fail(`column "${column.name}" is declared twice.`);
    names.add(column.name);
  }
  const known = (column: string, where: string) => {
    if (!names.has(column)) fail(`${where} names column "${column}", which is not declared.`);
  };
  for (const key of source.uniqueKeys ?? []) {
    if (key.length === 0) fail('a unique key needs at least one column.');
    for (const column of key) known(column, 'a unique key');
  }
  for (const reference of source.references ?? []) {
    known(reference.column, 'a reference');
    if (reference.source === source.name) fail('a reference must point at another source.');
    if (!SNAKE_CASE.test(reference.reasonCode))
      fail(`reason code "${reference.reasonCode}" must be snake_case.`);
  }
  for (const check of source.checks ?? []) {
    known(check.column, `check "${check.reasonCode}"`);
    if (!SNAKE_CASE.test(check.reasonCode)) fail(`reason code "${check.reasonCode}" must be snake_case.`);
  }
  return Object.freeze(source);
}

function checkColumn(column: SourceColumn, fail: (what: string) => never): void {
  if (!SNAKE_CASE.test(column.name)) {
    fail(`column "${column.name}" must be lower-case snake_case (headers are matched case-insensitively).`);
  }
  if (!column.description.trim()) fail(`column "${column.name}" needs a description.`);
  if (column.required && column.default !== undefined) {
    fail(`column "${column.name}" is required, so its default would never apply.`);
  }
  if (column.range && !NUMERIC_TYPES.has(column.type)) {
    fail(`column "${column.name}" has a range but is not money, decimal or integer.`);
  }
  if (typeof column.type === 'object') {
    const values = column.type.enum;
    if (values.length === 0) fail(`enum column "${column.name}" lists no values.`);
    if (values.some((value) => !value.trim())) fail(`enum column "${column.name}" lists an empty value.`);
    if (column.default !== undefined && !values.includes(String(column.default))) {
      fail(`the default of enum column "${column.name}" is not one of its values.`);
    }
  }
  if (column.default !== undefined && typeof column.default !== defaultJsType(column.type)) {
    fail(`the default of column "${column.name}" must be a ${defaultJsType(column.type)}.`);
  }
}

function defaultJsType(type: SourceColumnType): 'string' | 'number' | 'boolean' {
  if (type === 'boolean') return 'boolean';
  if (NUMERIC_TYPES.has(type)) return 'number';
  return 'string';
}

/** The DuckDB type of a column in `raw.<source>`. */
export function rawColumnType(type: SourceColumnType): string {
  switch (type) {
    case 'date':
    case 'month':
      return 'DATE';
    case 'timestamp':
      return 'TIMESTAMP';
    case 'money':
    case 'decimal':
      return 'DOUBLE';
    case 'integer':
      return 'INTEGER';
    case 'boolean':
      return 'BOOLEAN';
    default:
      return 'VARCHAR';
  }
}
