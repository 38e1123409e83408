import { currentSqlEngine, type SqlEngine } from '../../dialect/sql-engine.js';

/**
 * Picks the form of an expression for the engine the models are being compiled for (see
 * `dialect/sql-engine.ts`). Every helper with a per-engine form goes through here, so the list of
 * engine-specific constructs is the list of callers.
 */
export function perEngine<T>(forms: Readonly<Record<SqlEngine, () => T>>): T {
  return forms[currentSqlEngine()]();
}
