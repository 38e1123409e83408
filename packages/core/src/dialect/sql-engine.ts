import { AsyncLocalStorage } from 'node:async_hooks';

/** The SQL engines a project's models run on: embedded DuckDB (the default) or a PostgreSQL server. */
export const SQL_ENGINES = ['duckdb', 'postgres'] as const;
export type SqlEngine = (typeof SQL_ENGINES)[number];

const engineOfCall = new AsyncLocalStorage<SqlEngine>();

/**
 * Runs `work` with the engine the expression helpers write SQL for. Models do not know their engine (no
 * model file differs between engines): the runner compiles them inside this scope, and every helper that
 * needs a per-engine form asks `currentSqlEngine()`. Async work started inside keeps the engine.
 */
export function withSqlEngine<T>(engine: SqlEngine, work: () => T): T {
  return engineOfCall.run(engine, work);
}

/** The engine of the enclosing `withSqlEngine`, DuckDB outside any (docs, `pulse ls`, the DuckDB build). */
export function currentSqlEngine(): SqlEngine {
  return engineOfCall.getStore() ?? 'duckdb';
}
