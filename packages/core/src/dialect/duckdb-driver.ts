import type { DuckDBConnection } from '@duckdb/node-api';
import { CompiledQuery, type DatabaseConnection, type Driver, type TransactionSettings } from 'kysely';
import { ConnectionMutex } from './connection-mutex.js';
import { UnsupportedTransactionSettingError } from './dialect-errors.js';
import { DuckDBKyselyConnection } from './duckdb-connection.js';
import type { DuckDBDialectConfig } from './duckdb-dialect-config.js';

export class DuckDBDriver implements Driver {
  readonly #config: DuckDBDialectConfig;
  readonly #mutex = new ConnectionMutex();
  #connection?: DuckDBKyselyConnection;

  constructor(config: DuckDBDialectConfig) {
    this.#config = Object.freeze({ ...config });
  }

  async init(): Promise<void> {
    const source = this.#config.connection;
    const raw: DuckDBConnection = typeof source === 'function' ? await source() : source;
    // DuckDB's session time zone defaults to the machine's; TIMESTAMPTZ ↔ TIMESTAMP casts and
    // date_trunc on TIMESTAMPTZ would then differ between machines. `onCreateConnection` may override it.
    // The one place Pulse sets it: every connection of a Warehouse runs through a dialect of its own.
    await raw.run("set TimeZone = 'UTC'");
    await this.#config.onCreateConnection?.(raw);
    this.#connection = new DuckDBKyselyConnection(raw);
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    // One embedded connection, handed out to one query, stream or transaction at a time.
    await this.#mutex.lock();
    return this.#connection!;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const { isolationLevel, accessMode } = settings;
    if (isolationLevel !== undefined && isolationLevel !== 'snapshot') {
      throw new UnsupportedTransactionSettingError(
        `DuckDB offers snapshot isolation only, not '${isolationLevel}'; ` +
          "drop setIsolationLevel() or ask for 'snapshot'.",
      );
    }
    const readOnly = accessMode === 'read only' ? ' read only' : '';
    await connection.executeQuery(CompiledQuery.raw(`begin transaction${readOnly}`));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await connection.executeQuery(CompiledQuery.raw('rollback'));
    } catch (error) {
      // A failed commit has already ended the transaction: its error, not this one, is the news.
      if (!/no transaction is active/i.test((error as Error).message)) throw error;
    }
  }

  async releaseConnection(): Promise<void> {
    this.#mutex.unlock();
  }

  async destroy(): Promise<void> {
    // The DuckDB connection belongs to whoever passed it in (the Warehouse); they close it.
  }
}
