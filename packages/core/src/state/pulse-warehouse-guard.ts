import { PulseError } from '../errors.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import { hasBuildRecord } from './pulse-tables.js';

/** A command that reads a published warehouse was pointed at a DuckDB file no Pulse build wrote. */
export class NotAPulseWarehouseError extends PulseError {
  override readonly name = 'NotAPulseWarehouseError';
}

/**
 * Refuses a DuckDB database that holds no Pulse warehouse (an empty file, another application's tables)
 * before anything is judged or tested on it: its missing relations would read as a passing check, or fail
 * deep inside the project's SQL.
 */
export async function assertPulseWarehouse(warehouse: Warehouse, path: string): Promise<void> {
  if (await hasBuildRecord(warehouse)) return;
  throw new NotAPulseWarehouseError(
    `${path} is a DuckDB database but no Pulse warehouse: it has no pulse.build_vars table, which every ` +
      '`pulse build` and `pulse refresh` writes. Run `pulse build` first, or pass --warehouse with the ' +
      'warehouse a build published.',
  );
}
