import { UsageError } from '../config/usage-error.js';
import { PulseError } from '../errors.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import { hasBuildRecord, modelsOnServer } from './pulse-tables.js';

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

/** A command that reads the models was pointed at the local warehouse of a PostgreSQL build. */
export class ModelsOnServerError extends UsageError {
  override readonly name = 'ModelsOnServerError';
}

/**
 * Refuses a warehouse whose models a PostgreSQL build made on the server (pulse.models_on_server): it
 * holds the ingested rows only, so `what` (e.g. "`pulse test` runs the data tests") would find no model.
 * `instead` says where the answer is.
 */
export async function assertModelsInWarehouse(
  warehouse: Warehouse,
  path: string,
  what: string,
  instead: string,
): Promise<void> {
  const server = await modelsOnServer(warehouse);
  if (server === undefined) return;
  throw new ModelsOnServerError(
    `${path} was built with --engine postgres: its models are on the server ${server}, and the local file ` +
      `holds only the ingested rows, while ${what} on a DuckDB warehouse's models. ${instead}`,
  );
}
