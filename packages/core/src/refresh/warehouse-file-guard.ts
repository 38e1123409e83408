import { open, realpath } from 'node:fs/promises';
import { UsageError } from '../config/usage-error.js';
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
