import { open, realpath } from 'node:fs/promises';
import { UsageError } from '../config/usage-error.js';
import { hasBuildRecord } from '../state/pulse-tables.js';
import { Warehouse } from '../warehouse/warehouse.js';
import { entryIfPresent } from './entry-if-present.js';

/**
 * The warehouse path (`--warehouse`, PULSE_WAREHOUSE) names something that is not a DuckDB database
 * Pulse may replace: a folder, a symbolic link, or a file of another kind.
 */
export class ForeignWarehouseFileError extends UsageError {
  override readonly name = 'ForeignWarehouseFileError';
}

/** Bytes 8–11 of every DuckDB database file (after the header block's checksum). */
const DUCKDB_MAGIC = 'DUCK';

/**
 * Refuses, before any work, a warehouse path that publishing would destroy: a build or refresh renames its
 * new warehouse over the path (staged-publish.ts). So a text file or a raw export named by mistake would be
 * replaced by a database, a symbolic link by a file (its target left as it was), and a folder would fail
 * only after the marts were published. A path that does not exist yet, or a DuckDB file, is fine.
 */
export async function checkWarehouseFile(warehouse: string): Promise<void> {
  if (warehouse.includes('?')) {
    // DuckDB names the write-ahead log by inserting `.wal` at the first `?` of the path: its commit fails.
    throw new ForeignWarehouseFileError(
      `The warehouse ${warehouse} has a ? in its path, where DuckDB cannot keep its write-ahead log. ` +
        'Point --warehouse (or PULSE_WAREHOUSE) at a path without one.',
    );
  }
  const found = await entryIfPresent(warehouse, { link: true });
  if (found === undefined) return;
  const refuse = (what: string, fix: string) =>
    new ForeignWarehouseFileError(`The warehouse ${warehouse} ${what}. ${fix}`);
  if (found.isSymbolicLink()) {
    const target = await realpath(warehouse).catch(() => undefined);
    throw refuse(
      'is a symbolic link',
      'Publishing renames a new file over the path, which would replace the link and leave its target as it ' +
        `was: point --warehouse (or PULSE_WAREHOUSE) at the file itself${target ? ` (${target})` : ''}.`,
    );
  }
  if (found.isDirectory()) {
    throw refuse(
      'is a folder, not a file',
      'Point --warehouse (or PULSE_WAREHOUSE) at a file in it, such as warehouse.duckdb.',
    );
  }
  if (!found.isFile() || !(await startsLikeDuckdb(warehouse))) {
    throw refuse(
      'is not a DuckDB database',
      'Each build replaces the warehouse file whole, so this file would be lost: point --warehouse (or ' +
        'PULSE_WAREHOUSE) at a new path or at a warehouse Pulse built.',
    );
  }
  const foreign = await foreignTables(warehouse);
  if (foreign.length > 0) {
    throw refuse(
      `is a DuckDB database that Pulse did not build: it holds ${foreign.length === 1 ? 'the table' : 'tables such as'} ` +
        `${foreign.slice(0, 3).join(', ')} and no pulse.build_vars`,
      'Each build replaces the warehouse file whole, so they would be lost: point --warehouse (or ' +
        'PULSE_WAREHOUSE) at a new path or at a warehouse Pulse built.',
    );
  }
}

/**
 * The tables of a DuckDB database that no Pulse build wrote: none when it holds pulse.build_vars (every
 * build and refresh writes it) or no table at all (an empty database, safe to replace). Skipped, without
 * opening the file, when the warehouse has the file manifest a build writes beside it: a refresh with
 * nothing to do stays as quick as it was.
 */
async function foreignTables(warehouse: string): Promise<string[]> {
  if (await entryIfPresent(`${warehouse}.files.json`)) return [];
  // One that cannot be opened (held by a DuckDB shell, written by a newer DuckDB) is reported as such by
  // the build's own open, with what to do.
  const db = await Warehouse.open(warehouse, { readOnly: true }).catch(() => undefined);
  if (!db) return [];
  try {
    if (await hasBuildRecord(db)) return [];
    const tables = await db.query<{ name: string }>(
      `select schema_name || '.' || table_name as name from duckdb_tables() where not internal
       union all select schema_name || '.' || view_name from duckdb_views() where not internal
       order by 1`,
    );
    return tables.map((table) => table.name);
  } finally {
    await db.close();
  }
}

async function startsLikeDuckdb(path: string): Promise<boolean> {
  const file = await open(path, 'r');
  try {
    const header = Buffer.alloc(12);
    const { bytesRead } = await file.read(header, 0, 12, 0);
    return bytesRead === 12 && header.toString('latin1', 8, 12) === DUCKDB_MAGIC;
  } finally {
    await file.close();
  }
}
