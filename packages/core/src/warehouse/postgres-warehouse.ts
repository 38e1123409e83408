import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { CompiledQuery, Kysely, PostgresDialect, type QueryResult, type TableMetadata } from 'kysely';
import type pg from 'pg';
import {
  duckdbNameOfPostgresType,
  inlineParameters,
  pulsePostgresTypes,
} from '../dialect/postgres-values.js';
import { PulseError } from '../errors.js';
import type { ModelWarehouse } from './model-warehouse.js';

export class PostgresConnectError extends PulseError {
  override readonly name = 'PostgresConnectError';
}

/**
 * The target database orders text by a language's rules (its collation), not byte by byte as DuckDB and
 * the file reading do: which of two equal keys comes first in file order, ties broken by an id, and the
 * marts' row order would differ from a DuckDB build of the same files.
 */
export class PostgresCollationError extends PulseError {
  override readonly name = 'PostgresCollationError';
}

/**
 * Text that a language's collation orders otherwise than bytes do (case, punctuation, accents, digits,
 * spaces). The same probe passes on the C and POSIX collations and on C.UTF-8 (code points, which is the
 * order of UTF-8 bytes).
 */
const COLLATION_PROBE = `select array_agg(x order by x) = array_agg(x order by x collate "C") as bytewise
  from unnest(array['B', 'a', 'b', 'A', '_', '-', '1', 'Z', 'é', 'e', ' ', 'a b', 'ab', 'a-c', 'ac']) as t(x)`;

interface ColumnRow {
  schema: string;
  table: string;
  is_view: boolean;
  column: string;
  udt_name: string;
  is_nullable: boolean;
  numeric_precision: number | null;
  numeric_scale: number | null;
}

/**
 * A PostgreSQL database the models run in (`engine: "postgres"`): Kysely's PostgresDialect over a
 * node-postgres pool, with Pulse's value policy (`dialect/postgres-values.ts`) and every session in UTC
 * with ISO dates. COPY in and out streams CSV files, the way raw tables come in and marts go out.
 */
export class PostgresWarehouse implements ModelWarehouse {
  readonly engine = 'postgres' as const;
  /** The connection URL with any password hidden, for messages. */
  readonly target: string;
  readonly #pool: pg.Pool;
  readonly #kysely: Kysely<any>;
  readonly #inTransaction: boolean;

  private constructor(target: string, pool: pg.Pool, kysely: Kysely<any>, inTransaction: boolean) {
    this.target = target;
    this.#pool = pool;
    this.#kysely = kysely;
    this.#inTransaction = inTransaction;
  }

  static async connect(url: string): Promise<PostgresWarehouse> {
    // Imported here, not at the top: only a PostgreSQL build needs node-postgres (~40 ms to load).
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({
      connectionString: url,
      max: 4,
      types: pulsePostgresTypes(pg.types),
      // Timestamps are zone-less and read as UTC; dates print as ISO; doubles print shortest-exact.
      options: '-c TimeZone=UTC -c DateStyle=ISO,YMD -c IntervalStyle=postgres -c extra_float_digits=1',
    });
    const target = hidePassword(url);
    let bytewise: boolean;
    try {
      const client = await pool.connect();
      try {
        bytewise = (await client.query<{ bytewise: boolean }>(COLLATION_PROBE)).rows[0]?.bytewise === true;
      } finally {
        client.release();
      }
    } catch (error) {
      await pool.end();
      throw new PostgresConnectError(
        `Cannot connect to the PostgreSQL target ${target}: ${(error as Error).message}\n` +
          'Check --target (or PULSE_TARGET): postgres://user:password@host:port/database, and that the server is running.',
      );
    }
    if (!bytewise) {
      await pool.end();
      throw new PostgresCollationError(
        `The PostgreSQL target ${target} sorts text by its collation (a language's rules), not byte by byte as ` +
          'Pulse does on DuckDB: which duplicate comes first and the order of the marts would differ. Give Pulse a ' +
          "database created with the C collation: CREATE DATABASE pulse TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C';",
      );
    }
    return new PostgresWarehouse(
      target,
      pool,
      new Kysely<any>({ dialect: new PostgresDialect({ pool }) }),
      false,
    );
  }

  db<DB>(): Kysely<DB> {
    return this.#kysely as Kysely<DB>;
  }

  async transaction<T>(work: (warehouse: ModelWarehouse) => Promise<T>): Promise<T> {
    if (this.#inTransaction) throw new PulseError('A warehouse transaction cannot be nested in another.');
    return this.#kysely
      .transaction()
      .execute((transaction) => work(new PostgresWarehouse(this.target, this.#pool, transaction, true)));
  }

  /**
   * Runs statements that return nothing of interest. PostgreSQL's utility statements (`create table … as`,
   * `create view`) take no bound parameters, so there the parameters are written in as literals.
   */
  async exec(sqlText: string, parameters: readonly unknown[] = []): Promise<void> {
    if (parameters.length && /^\s*create\b/i.test(sqlText)) {
      await this.#run(inlineParameters(sqlText, parameters), []);
    } else {
      await this.#run(sqlText, parameters);
    }
  }

  async change(sqlText: string, parameters: readonly unknown[] = []): Promise<number> {
    return Number((await this.#run(sqlText, parameters)).numAffectedRows ?? 0n);
  }

  async query<R = Record<string, unknown>>(
    sqlText: string,
    parameters: readonly unknown[] = [],
  ): Promise<R[]> {
    return (await this.#run<R>(sqlText, parameters)).rows as R[];
  }

  async execute<R = Record<string, unknown>>(compiled: CompiledQuery): Promise<R[]> {
    return this.query<R>(compiled.sql, compiled.parameters);
  }

  async relations(): Promise<TableMetadata[]> {
    const rows = await this.query<ColumnRow>(
      `select c.table_schema as schema, c.table_name as "table", t.table_type = 'VIEW' as is_view,
              c.column_name as "column", c.udt_name, c.is_nullable = 'YES' as is_nullable,
              c.numeric_precision, c.numeric_scale
       from information_schema.columns c
       join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
       where c.table_schema not in ('pg_catalog', 'information_schema')
       order by c.table_schema, c.table_name, c.ordinal_position`,
    );
    const tables = new Map<string, TableMetadata>();
    for (const row of rows) {
      const key = `${row.schema}.${row.table}`;
      let table = tables.get(key);
      if (!table) {
        table = { schema: row.schema, name: row.table, isView: row.is_view, columns: [] };
        tables.set(key, table);
      }
      (table.columns as TableMetadata['columns'][number][]).push({
        name: row.column,
        dataType: duckdbNameOfPostgresType(row.udt_name, row.numeric_precision, row.numeric_scale),
        isNullable: row.is_nullable,
        isAutoIncrementing: false,
        hasDefaultValue: false,
      });
    }
    return [...tables.values()];
  }

  async relation(schema: string, name: string): Promise<TableMetadata | undefined> {
    return (await this.relations()).find((table) => table.schema === schema && table.name === name);
  }

  /** Streams a CSV file (no header) into a table with `COPY … from stdin`. */
  async copyInCsv(table: string, file: string): Promise<void> {
    const { from: copyFrom } = await import('pg-copy-streams');
    const client = await this.#pool.connect();
    try {
      await pipeline(createReadStream(file), client.query(copyFrom(`copy ${table} from stdin (format csv)`)));
    } finally {
      client.release();
    }
  }

  /** Streams a query's rows into a CSV file (no header) with `COPY (…) to stdout`. */
  async copyOutCsv(selectSql: string, file: string): Promise<void> {
    const { to: copyTo } = await import('pg-copy-streams');
    const client = await this.#pool.connect();
    try {
      await pipeline(
        client.query(copyTo(`copy (${selectSql}) to stdout (format csv)`)),
        createWriteStream(file),
      );
    } finally {
      client.release();
    }
  }

  async #run<R>(sqlText: string, parameters: readonly unknown[]): Promise<QueryResult<R>> {
    return this.#kysely.executeQuery<R>(CompiledQuery.raw(sqlText, [...parameters]));
  }

  async close(): Promise<void> {
    if (this.#inTransaction) return;
    await this.#kysely.destroy();
  }
}

function hidePassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<unparsable URL>';
  }
}
