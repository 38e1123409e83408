import type { DuckDBConnection } from '@duckdb/node-api';
import { CompiledQuery, type DatabaseConnection, type Driver, type TransactionSettings } from 'kysely';
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
    await this.#config.onCreateConnection?.(raw);
    this.#connection = new DuckDBKyselyConnection(raw);
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    // One embedded connection, handed out to one query or transaction at a time.
    await this.#mutex.lock();
    return this.#connection!;
  }

  async beginTransaction(connection: DatabaseConnection, _settings: TransactionSettings): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin transaction'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(): Promise<void> {
    this.#mutex.unlock();
  }

  async destroy(): Promise<void> {
    // The connection belongs to the Warehouse that created it; it closes it.
  }
}

class ConnectionMutex {
  #promise?: Promise<void>;
  #resolve?: () => void;

  async lock(): Promise<void> {
    while (this.#promise) await this.#promise;
    this.#promise = new Promise((resolve) => {
      this.#resolve = resolve;
    });
  }

  unlock(): void {
    const resolve = this.#resolve;
    this.#promise = undefined;
    this.#resolve = undefined;
    resolve?.();
  }
}
