import { ConfigError } from '../config/config-error.js';
import { timeZoneProblem } from '../config/time-zone-name.js';
import type { ColumnFormat, EmptyUnlessRule, LeaveOutRule, SourceDefinition } from './source-definition.js';

/**
 * One entry of `sources` in pulse.config.json (ADAPTERS.md section 1): how a vendor's export feeds a
 * canonical source. `columns`: canonical column → the vendor's column name. The project's config schema
 * validates it (unknown sources and columns are config errors); ingestion only applies it.
 */
export interface SourceMapping {
  /** Set when a shipped mapping preset (`presets.hubspot` …) wrote this entry: its name. */
  readonly preset?: string;
  /**
   * With `preset`: canonical column → the preset's option that named its vendor column (`segment` for
   * `presets.hubspot.segment`). The other columns come from the preset's shipped mapping file.
   */
  readonly presetOptions?: Readonly<Record<string, string>>;
  readonly columns?: Readonly<Record<string, string>>;
  /** A file, folder or glob relative to the data folder (source-path.ts); default `<source>.<ext>` or `<source>/`. */
  readonly path?: string;
  /**
   * Instead of files: an existing table (or view) of the PostgreSQL target, `schema.table`, judged on the
   * server (table-source.ts). Only with `engine: "postgres"`.
   */
  readonly table?: string;
  /** For a `table`: the columns whose order numbers its rows (quarantine `line`); default its primary key. */
  readonly key?: readonly string[];
  /** Per canonical column: vendor value → canonical value, matched exactly after trimming. */
  readonly values?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /**
   * Per canonical column: `epoch_s`, `epoch_ms`, a strptime pattern, `minor_units` …, or a list of time
   * formats tried in order (column-formats.ts).
   */
  readonly formats?: Readonly<Record<string, ColumnFormat>>;
  /**
   * The IANA time zone (`America/New_York`) the export writes wall-clock times in: its timestamps without
   * an offset are read as times there, not as UTC. Dates are calendar dates and stay as written.
   */
  readonly time_zone?: string;
  /** Export rows that are no rows of the source (a deleted ticket): left out and counted (rows-left-out.ts). */
  readonly leave_out?: readonly LeaveOutRule[];
  /** Per canonical column: read its value only where another export column has one of some values (empty-unless.ts). */
  readonly empty_unless?: Readonly<Record<string, Omit<EmptyUnlessRule, 'key'>>>;
}

/** The `sources` key of a validated config (the config reaches ingestion untyped), else none. */
export function sourceMappingsOf(config: unknown): Readonly<Record<string, SourceMapping>> {
  if (typeof config !== 'object' || config === null || !('sources' in config)) return {};
  const sources = (config as { sources?: unknown }).sources;
  return typeof sources === 'object' && sources !== null ? (sources as Record<string, SourceMapping>) : {};
}

/**
 * The key of pulse.config.json that sets where a mapped source's files are: the one the user wrote. A
 * mapping preset expands into a `sources.<source>` entry that is not in the file, so its own key is named.
 */
export function pathKeyOf(source: string, mapping: SourceMapping | undefined): string {
  return mapping?.preset === undefined ? `sources.${source}.path` : `presets.${mapping.preset}.path`;
}

/** The key of pulse.config.json that named a column's vendor column (see pathKeyOf). */
export function columnKeyOf(source: string, column: string, mapping: SourceMapping | undefined): string {
  if (mapping?.preset === undefined) return `sources.${source}.columns.${column}`;
  const option = mapping.presetOptions?.[column];
  return option === undefined ? `presets.${mapping.preset}` : `presets.${mapping.preset}.${option}`;
}

/** The key of pulse.config.json that set a source's `leave_out` rules (see pathKeyOf). */
export function leaveOutKeyOf(source: string, mapping: SourceMapping | undefined): string {
  return mapping?.preset === undefined ? `sources.${source}.leave_out` : `presets.${mapping.preset}`;
}

/** The key of pulse.config.json that set a column's `empty_unless` rule (see pathKeyOf). */
export function emptyUnlessKeyOf(source: string, column: string, mapping: SourceMapping | undefined): string {
  return mapping?.preset === undefined
    ? `sources.${source}.empty_unless.${column}`
    : `presets.${mapping.preset}`;
}

/** The key of pulse.config.json that set a source's `time_zone` (see pathKeyOf). */
export function timeZoneKeyOf(source: string, mapping: SourceMapping | undefined): string {
  return mapping?.preset === undefined
    ? `sources.${source}.time_zone`
    : `presets.${mapping.preset}.time_zone`;
}

/**
 * The mapping's `time_zone`, checked: core is handed configs no schema of the models checked (a project on
 * core's API, a mapping file), and an unknown zone would otherwise fail inside the judging SQL with the
 * warehouse's words, naming neither the source nor the key. Throws ConfigError.
 */
function checkedTimeZone(source: string, mapping: SourceMapping | undefined): string | undefined {
  const zone = mapping?.time_zone;
  if (zone === undefined) return undefined;
  const problem = typeof zone === 'string' ? timeZoneProblem(zone) : `${JSON.stringify(zone)} is not a text`;
  if (problem === undefined) return zone;
  throw new ConfigError(`pulse.config.json: ${timeZoneKeyOf(source, mapping)}: ${problem}`);
}

/**
 * The source as a vendor's files are read: each mapped column carries its vendor header (matched
 * instead of its own name, header-mapping.ts) and the label reasons name it by, `` `Record ID`
 * (accounts.account_id) ``. Its columns, names and tables are unchanged: only reading differs.
 */
export function withMapping(source: SourceDefinition, mapping: SourceMapping | undefined): SourceDefinition {
  const columns = mapping?.columns ?? {};
  const values = mapping?.values ?? {};
  const formats = mapping?.formats ?? {};
  const leaveOut = mapping?.leave_out ?? [];
  const emptyUnless = mapping?.empty_unless ?? {};
  // Checked here, where every reading of a mapped source starts (ingestion, refresh, table sources).
  const timeZone = checkedTimeZone(source.name, mapping);
  const rules = [columns, values, formats, emptyUnless].reduce(
    (n, entries) => n + Object.keys(entries).length,
    0,
  );
  if (rules === 0 && leaveOut.length === 0 && timeZone === undefined) return source;
  return {
    ...source,
    ...(leaveOut.length === 0
      ? {}
      : { leftOut: { rules: leaveOut, key: leaveOutKeyOf(source.name, mapping) } }),
    columns: source.columns.map((column) => {
      const header = columns[column.name];
      const valueMap = values[column.name];
      return {
        ...column,
        ...(header === undefined
          ? {}
          : {
              mapped: {
                header,
                label: `\`${header.trim()}\` (${source.name}.${column.name})`,
                key: columnKeyOf(source.name, column.name, mapping),
              },
            }),
        ...(valueMap === undefined ? {} : { valueMap }),
        ...(formats[column.name] === undefined ? {} : { format: formats[column.name] }),
        ...(timeZone === undefined || column.type !== 'timestamp' ? {} : { timeZone }),
        ...(emptyUnless[column.name] === undefined
          ? {}
          : {
              emptyUnless: {
                column: emptyUnless[column.name]!.column,
                values: emptyUnless[column.name]!.values,
                key: emptyUnlessKeyOf(source.name, column.name, mapping),
              },
            }),
      };
    }),
  };
}
