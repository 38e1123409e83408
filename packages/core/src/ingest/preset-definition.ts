import { PulseError } from '../errors.js';

/** A preset's declaration is inconsistent (a derivation reading a table it does not declare): a bug of the preset. */
export class PresetDefinitionError extends PulseError {
  override readonly name = 'PresetDefinitionError';
}

/**
 * A preset (ADAPTERS.md section 2): a named adapter that reads a vendor's tables (Stripe's `customer`,
 * `invoice_line_item` …) from one folder of the data folder and derives canonical sources from them. The
 * engine lists and reads the vendor tables (with the readers' physical lines and malformed records),
 * keeps them in a schema named after the preset, and judges the derived rows by the unchanged contract,
 * so every reason code and the nothing-lost invariant hold and a bad derived row is quarantined at its
 * vendor file and line. The project declares presets; the engine never knows a vendor.
 */
export interface PresetDefinition<Config = any> {
  /** The config key under `presets` and the warehouse schema of its vendor tables: `stripe`. */
  readonly name: string;
  /** One line. */
  readonly description: string;
  /** Canonical sources this preset feeds under this config ([] when the config does not use it). */
  readonly feeds: (config: Config) => readonly string[];
  /**
   * Per canonical source, per canonical column: where the value comes from, e.g. "customer.id",
   * "invoice_line_item.period_start (UTC date)". Reasons of quarantined rows name the column this way.
   */
  readonly columnFeeds: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** The preset's folder (or file, or glob) in the data folder under this config, `/`-separated. */
  readonly path: (config: Config) => string;
  /** Every vendor table the preset can read, in the order they are read. */
  readonly tables: readonly VendorTable[];
  /** Per canonical source it can feed: how its rows are derived. */
  readonly derivations: Readonly<Record<string, PresetDerivation<Config>>>;
}

/** One vendor object as a table: a file `<name>.<ext>` or a folder `<name>/` under the preset's path. */
export interface VendorTable {
  /** Snake_case: the table's name in the preset's schema (`stripe.invoice_line_item`). */
  readonly name: string;
  /** Other file or folder names the syncs give it (`invoice_line_items`), tried when `name` is absent. */
  readonly aliases?: readonly string[];
  /** Columns read, as text (matched like headers: case-insensitively after trimming); absent → NULL. */
  readonly columns: readonly string[];
  /**
   * The columns the derivation cannot do without, in groups of spellings (`[['customer_id', 'customer']]`):
   * a file of the table whose header has none of a group's names is a file error, as a canonical file
   * without a required column is (never rows quarantined as empty, or none derived at all).
   */
  readonly requires?: readonly (readonly string[])[];
  /** The canonical source whose quarantine receives the table's malformed records (`malformed_row`). */
  readonly malformedTo: string;
}

export interface PresetDerivation<Config = any> {
  /**
   * The vendor tables the rows are derived from. Each inner list is alternatives, at least one of which
   * must be present when the source is required (`[['price', 'plan']]`); optional tables go in `optional`.
   */
  readonly requires: readonly (readonly string[])[];
  readonly optional?: readonly string[];
  /**
   * SQL: one row per candidate canonical row, with `_file` (the vendor file, relative to the data folder),
   * `_line` (its physical line) and one VARCHAR column per canonical column, spelt as the contract reads
   * them. Every vendor table of `requires`/`optional` is readable (empty when absent) through `table`,
   * with its columns (trimmed text, empty → NULL), `_file`, `_line` and `_order` (file order across the
   * preset's files: files by name, then line). Malformed records are left out of `table`.
   */
  readonly select: (context: PresetSqlContext<Config>) => string;
  /**
   * SQL: the vendor rows the derivation leaves out on purpose (drafts, superseded lines …) as
   * `(vendor_table VARCHAR, reason VARCHAR, rows BIGINT)`, reported so nothing is dropped without a count.
   */
  readonly ignored?: (context: PresetSqlContext<Config>) => string;
}

export interface PresetSqlContext<Config = any> {
  readonly config: Config;
  /** The SQL relation of a vendor table: its valid (not malformed) rows, see PresetDerivation.select. */
  table(name: string): string;
}

/** The presets a config uses: those feeding at least one source. */
export function presetsInUse(
  presets: readonly PresetDefinition[] | undefined,
  config: unknown,
): PresetDefinition[] {
  return (presets ?? []).filter((preset) => preset.feeds(config).length > 0);
}
