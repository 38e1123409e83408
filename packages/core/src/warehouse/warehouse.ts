import { resolve } from 'node:path';
import { type DuckDBAppender, type DuckDBConnection, DuckDBInstance, timestampValue } from '@duckdb/node-api';
import { CompiledQuery, Kysely, type QueryResult, type TableMetadata } from 'kysely';
import { checkWarehouseName } from '../config/warehouse-name.js';
import { DuckDBDialect } from '../dialect/duckdb-dialect.js';
import { PulseError } from '../errors.js';
import { memoryLimitFromEnv } from './memory-limit-setting.js';
import type { ModelWarehouse } from './model-warehouse.js';
import { threadsFromEnv } from './threads-setting.js';

export class WarehouseOpenError extends PulseError {
  override readonly name = 'WarehouseOpenError';
}

export interface OpenWarehouseOptions {
  /** DuckDB settings applied to the instance, e.g. `{ threads: '2', memory_limit: '6GB' }`. */
  readonly settings?: Record<string, string>;
  readonly readOnly?: boolean;
}

const open = new Map<string, Warehouse>();

/**
 * A value `Warehouse.append` writes: text, a number (whole → BIGINT, else DOUBLE; DuckDB casts it to the
 * column's type), a bigint, a boolean, a Date (TIMESTAMP, UTC) or null.
 */
export type AppendValue = string | number | bigint | boolean | Date | null;

/** The storage format of the files Pulse creates (`storage_compatibility_version`): see `open`. */
export const STORAGE_COMPATIBILITY = 'latest';

/**
 * One DuckDB database file (or `:memory:`), opened once per process. A DuckDB file has a single writer
 * process, and another process cannot open it at all while it is held, so Pulse keeps one instance per
 * file and hands the same Warehouse to every caller in the process.
 */
export class Warehouse implements ModelWarehouse {
  readonly engine = 'duckdb' as const;
  readonly path: string;
  readonly #instance: DuckDBInstance;
  readonly #connection: DuckDBConnection;
  /**
   * Every statement, Kysely's or SQL text, runs through this dialect: its driver hands the one
   * connection to one statement, stream or transaction at a time, and pins the session's TimeZone.
   */
  readonly #kysely: Kysely<any>;
  /** Set on the Warehouse a `transaction` callback receives: the warehouse that opened it. */
  readonly #outer?: Warehouse;
  /** The connection of `queryAside`, with a dialect of its own, opened when first needed. */
  #aside?: SideConnection;
  /** The connections of `inLanes`, each with a dialect of its own, opened when first needed. */
  readonly #lanes: SideConnection[] = [];
  /** Set on a `sibling`: the warehouse that opened it, which closes it with itself. */
  #owner?: Warehouse;
  readonly #siblings = new Set<Warehouse>();
  #closed = false;

  private constructor(
    path: string,
    instance: DuckDBInstance,
    connection: DuckDBConnection,
    inTransaction?: { outer: Warehouse; transaction: Kysely<any> },
  ) {
    this.path = path;
    this.#instance = instance;
    this.#connection = connection;
    this.#outer = inTransaction?.outer;
    this.#kysely =
      inTransaction?.transaction ?? new Kysely<any>({ dialect: new DuckDBDialect({ connection }) });
  }

  static async open(path: string, options: OpenWarehouseOptions = {}): Promise<Warehouse> {
    const key = path === ':memory:' ? path : resolve(path);
    const existing = key === ':memory:' ? undefined : open.get(key);
    if (existing && !existing.#closed) return existing;
    // Before the open: a name DuckDB would give the database that clashes with a schema of Pulse's.
    checkWarehouseName(path);
    // Read before the open: a bad PULSE_THREADS or PULSE_MEMORY_LIMIT is a usage error, not a file held
    // by another process.
    const threads = threadsSetting();
    const memoryLimit = memoryLimitFromEnv();
    let instance: DuckDBInstance;
    try {
      // DuckDB's own instance cache: a file is one database in the process, whoever opens it.
      instance = await DuckDBInstance.fromCache(path, {
        // DuckDB's default (80% of RAM) let a 50M-event build reach 19 GB; past this limit it spills to disk.
        memory_limit: memoryLimit,
        // A new file is written in the newest storage format (an existing file keeps its own): its
        // DICT_FSST string compression costs less CPU than the v1.0 default's choice between dictionary
        // and FSST (copying the 5M rows of raw.events at M, one thread, 4 runs each interleaved: 4.9–5.3
        // → 4.2–4.5 CPU-s; the file +13 %).
        // Such a file opens only in a DuckDB as new as the one that wrote it (Pulse pins 1.5.6).
        storage_compatibility_version: STORAGE_COMPATIBILITY,
        ...(options.readOnly ? { access_mode: 'READ_ONLY' } : {}),
        ...threads,
        ...options.settings,
      });
    } catch (error) {
      const message = (error as Error).message;
      // Only a lock conflict is another process's doing; a damaged file or one of another kind is not.
      const advice = /lock/i.test(message)
        ? 'A DuckDB file can be held by one process at a time: stop the other pulse process (or DuckDB shell) using it. ' +
          `To query a warehouse while Pulse runs, open it read-only (\`duckdb -readonly ${path}\`): read-only readers do not block a build or refresh.`
        : 'If the file is damaged or is not a Pulse warehouse, move it away and run `pulse build` to make a new one.';
      throw new WarehouseOpenError(`Cannot open the warehouse ${path}: ${message}\n${advice}`);
    }
    const connection = await instance.connect();
    // No TimeZone here: every connection of a Warehouse (main, sibling, aside, lane) runs through a
    // DuckDBDialect, whose driver pins its session to UTC (dialect/duckdb-driver.ts).
    const warehouse = new Warehouse(key, instance, connection);
    if (key !== ':memory:') open.set(key, warehouse);
    return warehouse;
  }

  /**
   * True on the Warehouse a `transaction()` hands its work: what its statements write is seen by no other
   * connection (a lane, a sibling) until the work resolves, and is lost if it throws.
   */
  get inTransaction(): boolean {
    return this.#outer !== undefined;
  }

  /** A Kysely instance over this warehouse, typed with the caller's database type. */
  db<DB>(): Kysely<DB> {
    return this.#kysely as Kysely<DB>;
  }

  /**
   * Runs `work` in one transaction (Kysely's `transaction()`): committed when it resolves, rolled back
   * when it throws. `work` gets a Warehouse bound to the transaction and must use only it: the
   * transaction holds the one connection, so a statement on this Warehouse would wait for it forever.
   */
  async transaction<T>(work: (warehouse: Warehouse) => Promise<T>): Promise<T> {
    if (this.#outer) throw new WarehouseOpenError('A warehouse transaction cannot be nested in another.');
    return this.#kysely
      .transaction()
      .execute((transaction) =>
        work(new Warehouse(this.path, this.#instance, this.#connection, { outer: this, transaction })),
      );
  }

  /**
   * The tables and views of the warehouse (temporary ones aside) with their columns in order, from the
   * dialect's introspector: the one place catalog questions are asked.
   */
  relations(): Promise<TableMetadata[]> {
    return this.#kysely.introspection.getTables();
  }

  /** One table or view of `relations()`, or undefined when there is none of that name. */
  async relation(schema: string, name: string): Promise<TableMetadata | undefined> {
    return (await this.relations()).find((table) => table.schema === schema && table.name === name);
  }

  /**
   * Appends rows to an existing table with DuckDB's Appender (one value per column, in table order):
   * the fast way to write rows that live in JS, such as the `pulse.*` state tables. It holds the
   * dialect's connection while it writes, like any statement.
   */
  async append(schema: string, table: string, rows: readonly (readonly AppendValue[])[]): Promise<void> {
    const write = async () => {
      const appender = await this.#connection.createAppender(table, schema);
      try {
        for (const row of rows) {
          for (const value of row) appendValue(appender, value);
          appender.endRow();
        }
        appender.flushSync();
      } finally {
        appender.closeSync();
      }
    };
    // In a transaction the connection is already this caller's; otherwise take it like a statement does.
    if (this.#outer) return write();
    await this.#kysely.connection().execute(write);
  }

  /** Runs SQL statements that return nothing of interest (DDL, COPY, SET …). */
  async exec(sqlText: string, parameters: readonly unknown[] = []): Promise<void> {
    await this.#run(sqlText, parameters);
  }

  /** Runs one INSERT, UPDATE or DELETE and returns how many rows it changed. */
  async change(sqlText: string, parameters: readonly unknown[] = []): Promise<number> {
    return Number((await this.#run(sqlText, parameters)).numAffectedRows ?? 0n);
  }

  /** Runs one query and returns its rows converted by Pulse's value policy. */
  async query<R = Record<string, unknown>>(
    sqlText: string,
    parameters: readonly unknown[] = [],
  ): Promise<R[]> {
    return (await this.#run<R>(sqlText, parameters)).rows as R[];
  }

  /**
   * Runs one query on a second connection, outside the main connection's transaction (which may be busy
   * or aborted): for reads that do not involve the warehouse's tables, e.g. re-reading a file.
   */
  async queryAside<R = Record<string, unknown>>(sqlText: string): Promise<R[]> {
    if (this.#outer) return this.#outer.queryAside<R>(sqlText);
    this.#aside ??= await this.#connectSide();
    return (await this.#aside.kysely.executeQuery<R>(CompiledQuery.raw(sqlText))).rows as R[];
  }

  /**
   * Runs `work` for each item on up to `lanes` further connections at once, outside the main
   * connection's transaction, each lane taking the next item when it is done: for reads from files into
   * files that DuckDB would otherwise run on one thread (numbering a CSV's records). A lane sees no
   * uncommitted table of the main connection. Settled in item order, so the caller picks the first failure.
   */
  async inLanes<T, R>(
    items: readonly T[],
    lanes: number,
    work: (item: T, lane: Lane) => Promise<R>,
  ): Promise<PromiseSettledResult<R>[]> {
    if (this.#outer) return this.#outer.inLanes(items, lanes, work);
    const results: PromiseSettledResult<R>[] = new Array(items.length);
    let next = 0;
    const runLane = async (index: number) => {
      this.#lanes[index] ??= await this.#connectSide();
      const { kysely } = this.#lanes[index]!;
      const run = <Row>(sqlText: string) =>
        timed(sqlText, () => kysely.executeQuery<Row>(CompiledQuery.raw(sqlText)), `lane ${index + 1}`);
      const lane: Lane = {
        query: async <Row>(sqlText: string) => (await run<Row>(sqlText)).rows as Row[],
        change: async (sqlText: string) => Number((await run(sqlText)).numAffectedRows ?? 0n),
      };
      for (let item = next++; item < items.length; item = next++) {
        try {
          results[item] = { status: 'fulfilled', value: await work(items[item]!, lane) };
        } catch (reason) {
          results[item] = { status: 'rejected', reason };
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(lanes, items.length) }, (_, index) => runLane(index)));
    return results;
  }

  /**
   * Another Warehouse on the same database with a connection of its own, whose statements run beside
   * this one's: the runner builds independent models on two at once, because a model's statements over
   * small tables keep only one core busy. It sees committed tables only, so it is not opened inside a
   * transaction. Closing this warehouse closes it too.
   */
  async sibling(): Promise<Warehouse> {
    if (this.#outer || this.#owner || this.#closed) {
      throw new WarehouseOpenError(
        'A sibling connection is opened from an open warehouse itself, outside any transaction.',
      );
    }
    const sibling = new Warehouse(this.path, this.#instance, await this.#instance.connect());
    sibling.#owner = this;
    this.#siblings.add(sibling);
    return sibling;
  }

  /**
   * A further connection to the instance with a dialect (and so a connection mutex) of its own: its
   * statements go through the dialect like the main connection's, yet run beside them, since each mutex
   * guards only its own connection (the parallel lanes of `inLanes`).
   */
  async #connectSide(): Promise<SideConnection> {
    const connection = await this.#instance.connect();
    return { connection, kysely: new Kysely<any>({ dialect: new DuckDBDialect({ connection }) }) };
  }

  /** Runs a compiled Kysely query (e.g. from `.compile()`), returning its rows. */
  async execute<R = Record<string, unknown>>(compiled: CompiledQuery): Promise<R[]> {
    return this.query<R>(compiled.sql, compiled.parameters);
  }

  /** Runs one statement on the main connection (logged with PULSE_SQL_TIMING, see `timed`). */
  async #run<R>(sqlText: string, parameters: readonly unknown[]): Promise<QueryResult<R>> {
    const statement = CompiledQuery.raw(sqlText, [...parameters]);
    return timed(sqlText, () => this.#kysely.executeQuery<R>(statement));
  }

  async close(): Promise<void> {
    // A transaction's Warehouse owns nothing: its transaction ends with the `transaction` call.
    if (this.#closed || this.#outer) return;
    this.#closed = true;
    for (const sibling of this.#siblings) await sibling.close();
    await this.#kysely.destroy();
    for (const side of [this.#aside, ...this.#lanes]) {
      if (!side) continue;
      await side.kysely.destroy();
      side.connection.closeSync();
    }
    this.#connection.closeSync();
    // A sibling shares its owner's instance (and is not in the cache of open files).
    if (this.#owner) {
      this.#owner.#siblings.delete(this);
      return;
    }
    open.delete(this.path);
    this.#instance.closeSync();
  }
}

function appendValue(appender: DuckDBAppender, value: AppendValue): void {
  if (value === null) appender.appendNull();
  else if (typeof value === 'string') appender.appendVarchar(value);
  else if (typeof value === 'bigint') appender.appendBigInt(value);
  else if (typeof value === 'boolean') appender.appendBoolean(value);
  else if (value instanceof Date) appender.appendTimestamp(timestampValue(BigInt(value.getTime()) * 1000n));
  else if (Number.isSafeInteger(value)) appender.appendBigInt(BigInt(value));
  else appender.appendDouble(value);
}

/**
 * Runs one statement; with PULSE_SQL_TIMING=1 it logs the statement's wall time and the process's CPU
 * time meanwhile (DuckDB's threads included: on a shared machine the wall time says little) to stderr;
 * PULSE_SQL_TIMING=full logs each statement whole instead of its first 200 characters. `where` names a
 * lane's connection (`lane 1`), whose statements run beside the main one's.
 */
async function timed<T>(sqlText: string, run: () => Promise<T>, where?: string): Promise<T> {
  if (!process.env.PULSE_SQL_TIMING) return run();
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const result = await run();
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = ((cpu.user + cpu.system) / 1e6).toFixed(2);
  const shown = sqlText.replace(/\s+/g, ' ');
  const text = process.env.PULSE_SQL_TIMING === 'full' ? shown : shown.slice(0, 200);
  console.error(`[sql ${seconds}s cpu ${cpuSeconds}s${where ? ` ${where}` : ''}] ${text}`);
  return result;
}

/** A connection of `queryAside` or `inLanes` and the Kysely (dialect, mutex) its statements go through. */
interface SideConnection {
  readonly connection: DuckDBConnection;
  readonly kysely: Kysely<any>;
}

/** One connection of `Warehouse.inLanes`. */
export interface Lane {
  /** Runs one query and returns its rows converted by Pulse's value policy. */
  query<Row = Record<string, unknown>>(sqlText: string): Promise<Row[]>;
  /** Runs one INSERT, UPDATE or DELETE and returns how many rows it changed. */
  change(sqlText: string): Promise<number>;
}

/** PULSE_THREADS as an instance setting (none when unset: DuckDB's default, one thread per core). */
function threadsSetting(): { threads?: string } {
  const threads = threadsFromEnv();
  return threads === undefined ? {} : { threads: String(threads) };
}
