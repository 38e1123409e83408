import { basename } from 'node:path';
import { UsageError } from './usage-error.js';

/**
 * The schemas Pulse writes into a warehouse: its own (`pulse`), the sources' (`raw`, `quarantine`), the
 * model layers, and the vendor tables of the Stripe preset (`stripe`).
 */
export const WAREHOUSE_SCHEMAS: readonly string[] = [
  'raw',
  'quarantine',
  'staging',
  'intermediate',
  'marts',
  'pulse',
  'stripe',
];

/** DuckDB's name for the database in a file: the file's name up to its first dot (`pulse.duckdb` → `pulse`). */
export function databaseNameOf(path: string): string {
  return basename(path).split('.')[0]!;
}

export class WarehouseNameError extends UsageError {
  override readonly name = 'WarehouseNameError';
}

/**
 * Refuses a warehouse file DuckDB would name like one of Pulse's schemas: every `<schema>.<table>` of the
 * models would then be ambiguous between the database and the schema, and the build would fail half-way
 * with a binder error. Checked before anything is read or written.
 */
export function checkWarehouseName(path: string): void {
  if (path === ':memory:') return;
  const name = databaseNameOf(path);
  if (!WAREHOUSE_SCHEMAS.includes(name.toLowerCase())) return;
  throw new WarehouseNameError(
    `The warehouse file ${basename(path)} cannot be used: DuckDB names the database in a file after the file's name up to its first dot ("${name}"), and "${name}" is also a schema Pulse writes in the warehouse (${WAREHOUSE_SCHEMAS.join(', ')}), so the models' tables could not be told apart. Give it another name, e.g. --warehouse ${name}-warehouse.duckdb.`,
  );
}
