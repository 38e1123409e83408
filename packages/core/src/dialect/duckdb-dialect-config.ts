import type { DuckDBConnection } from '@duckdb/node-api';

export interface DuckDBDialectConfig {
  /**
   * The DuckDB connection every query runs on. An embedded engine needs no pool: like Kysely's SQLite
   * driver, the dialect serialises access to this one connection, which also makes transactions safe.
   */
  readonly connection: DuckDBConnection | (() => Promise<DuckDBConnection>);
  /** Called once when Kysely acquires the connection for the first time (e.g. `SET TimeZone = 'UTC'`). */
  readonly onCreateConnection?: (connection: DuckDBConnection) => Promise<void>;
}
