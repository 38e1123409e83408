import type { CompiledQuery, Kysely, TableMetadata } from 'kysely';
import type { SqlEngine } from '../dialect/sql-engine.js';

/**
 * What the runner needs of the database its models run in: the embedded DuckDB `Warehouse` or a
 * `PostgresWarehouse`. Column types in `relations()` are DuckDB's names on both engines, so a model's
 * contract is checked the same way.
 */
export interface ModelWarehouse {
  readonly engine: SqlEngine;
  db<DB>(): Kysely<DB>;
  exec(sqlText: string, parameters?: readonly unknown[]): Promise<void>;
  change(sqlText: string, parameters?: readonly unknown[]): Promise<number>;
  query<R = Record<string, unknown>>(sqlText: string, parameters?: readonly unknown[]): Promise<R[]>;
  execute<R = Record<string, unknown>>(compiled: CompiledQuery): Promise<R[]>;
  relations(): Promise<TableMetadata[]>;
  relation(schema: string, name: string): Promise<TableMetadata | undefined>;
  transaction<T>(work: (warehouse: ModelWarehouse) => Promise<T>): Promise<T>;
  /**
   * Another connection to the same database, for statements that run beside this one's (DuckDB); an
   * engine without it builds one model at a time.
   */
  sibling?(): Promise<ModelWarehouse & { close(): Promise<void> }>;
}
