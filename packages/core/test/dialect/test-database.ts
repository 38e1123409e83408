import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { Kysely, sql } from 'kysely';
import { DuckDBDialect } from '../../src/dialect/duckdb-dialect.js';

export interface TestDatabase<DB> {
  readonly db: Kysely<DB>;
  /** The raw connection under the dialect, for what Kysely cannot do (e.g. registering a UDF). */
  readonly connection: DuckDBConnection;
  close(): Promise<void>;
}

/** A fresh in-memory DuckDB behind the dialect alone (no Warehouse), so these tests pin the dialect down. */
export async function openTestDatabase<DB = any>(): Promise<TestDatabase<DB>> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const connection = await instance.connect();
  const db = new Kysely<DB>({ dialect: new DuckDBDialect({ connection }) });
  return {
    db,
    connection,
    async close() {
      await db.destroy();
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** Evaluates one SQL expression through Kysely and returns the converted value. */
export async function selectValue(db: Kysely<any>, expression: string): Promise<unknown> {
  const { rows } = await sql<{ v: unknown }>`select ${sql.raw(expression)} as v`.execute(db);
  return rows[0]?.v;
}

/** The DuckDB type of one bound parameter and the value DuckDB hands back for it. */
export async function bindAndRead(db: Kysely<any>, value: unknown): Promise<{ type: string; v: unknown }> {
  const { rows } = await sql<{
    type: string;
    v: unknown;
  }>`select typeof(${value}) as type, ${value} as v`.execute(db);
  return rows[0]!;
}
