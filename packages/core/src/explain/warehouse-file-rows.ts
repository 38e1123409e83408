import { rowsLeftOut } from '../ingest/rows-left-out.js';
import { quoteIdentifier as q } from '../ingest/sql-text.js';
import { readIngestedFileSources } from '../state/pulse-tables.js';
import type { Warehouse } from '../warehouse/warehouse.js';

/**
 * Row counts per file of the tables a build leaves behind, read from a (read-only) warehouse. A table
 * that is not there counts no rows: a project with its own ingestion may not create every table.
 */
export class WarehouseFileRows {
  readonly #warehouse: Warehouse;
  readonly #tables: ReadonlyMap<string, ReadonlySet<string>>;

  private constructor(warehouse: Warehouse, tables: ReadonlyMap<string, ReadonlySet<string>>) {
    this.#warehouse = warehouse;
    this.#tables = tables;
  }

  static async of(warehouse: Warehouse): Promise<WarehouseFileRows> {
    const tables = new Map<string, Set<string>>();
    for (const relation of await warehouse.relations()) {
      if (!tables.has(relation.schema!)) tables.set(relation.schema!, new Set());
      tables.get(relation.schema!)!.add(relation.name);
    }
    return new WarehouseFileRows(warehouse, tables);
  }

  has(schema: string, table: string): boolean {
    return this.#tables.get(schema)?.has(table) ?? false;
  }

  /** Rows per value of `fileColumn` (`_file` of raw and preset tables, `file` of quarantine tables). */
  async rowsPerFile(schema: string, table: string, fileColumn: string): Promise<Map<string, number>> {
    if (!this.has(schema, table)) return new Map();
    const rows = await this.#warehouse.query<{ file: string | null; n: number }>(
      `select ${q(fileColumn)} as file, count(*)::BIGINT as n from ${q(schema)}.${q(table)} group by all`,
    );
    return new Map(rows.map((row) => [row.file ?? '', Number(row.n)]));
  }

  /** The rows a source's `leave_out` rules left out, per file and reason (ingest/rows-left-out.ts). */
  async rowsLeftOut(source: string): Promise<{ file: string; reason: string; rows: number }[]> {
    return rowsLeftOut(this.#warehouse, source);
  }

  /**
   * `pulse.ingested_files` of a whole successful build or refresh: every export file of the data folder
   * with the source its place names (`events` for `events/day.csv`), empty files included. Empty when
   * the warehouse has none (a `--select` or failed build).
   */
  async ingestedFiles(): Promise<{ path: string; source: string }[]> {
    return readIngestedFileSources(this.#warehouse);
  }
}
