import type { DuckDBConnection } from '@duckdb/node-api';

export interface DuckDBDialectConfig {
  /**
   * The DuckDB connection every query runs on. An embedded engine needs no pool: like Kysely's SQLite
   * driver, the dialect serialises access to this one connection, which also makes transactions safe.
   * The caller keeps ownership: `Kysely.destroy()` does not close it.
   */
  readonly connection: DuckDBConnection | (() => Promise<DuckDBConnection>);
  /**
   * Called once when Kysely first acquires the connection, after the dialect has pinned the session's
   * `TimeZone` to UTC (e.g. to `SET threads = 2`).
   */
  readonly onCreateConnection?: (connection: DuckDBConnection) => Promise<void>;
}
