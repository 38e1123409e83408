/**
 * A preset registered on the project (ADAPTERS.md section 2): a named adapter that reads a vendor's own
 * tables and derives canonical sources from them. It persists each vendor table it read as
 * `<preset>.<table>` (VARCHAR columns, `_file`, `_line`); the canonical rows it derives keep the vendor
 * file in `raw.<source>._file` and `quarantine.<source>.file`.
 */
export interface PresetDefinition<Config = any> {
  readonly name: string;
  readonly description: string;
  /** canonical sources this preset feeds under this config ([] when the config does not use it) */
  readonly feeds: (config: Config) => readonly string[];
  /** per canonical source, per canonical column: where the value comes from, e.g. "customer.id" */
  readonly columnFeeds: Readonly<Record<string, Readonly<Record<string, string>>>>;
}
