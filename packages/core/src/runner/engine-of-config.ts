import { SQL_ENGINES, type SqlEngine } from '../dialect/sql-engine.js';

/** The config's `engine` (a project's config schema may declare one; `@pulse/models` does), else duckdb. */
export function engineOfConfig(config: unknown): SqlEngine {
  const engine = (config as { engine?: unknown } | null)?.engine;
  return SQL_ENGINES.find((name) => name === engine) ?? 'duckdb';
}
