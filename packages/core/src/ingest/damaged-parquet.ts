import { existsSync } from 'node:fs';
import { PulseError } from '../errors.js';
import { readerPath } from './sql-text.js';

/** A Parquet file Pulse published (a mart, a file of `changes/`) that DuckDB can no longer read. */
export class DamagedParquetFileError extends PulseError {
  override readonly name = 'DamagedParquetFileError';
  readonly file: string;

  constructor(file: string, whatToDo: string, options?: ErrorOptions) {
    super(`${file} is damaged: it is not a readable Parquet file. ${whatToDo}`, options);
    this.file = file;
  }
}

/** Any DuckDB connection: the probe reads, never writes. */
export interface ParquetProbe {
  query<Row>(sql: string): Promise<readonly Row[]>;
}

/**
 * Runs `read`; when it fails on a file of `files` that is no Parquet file (cut short, or text saved under
 * its name), throws DamagedParquetFileError naming it instead of DuckDB's error. The files are probed only
 * after a failure (their footer, which every read starts with), so an intact folder costs nothing more.
 */
export async function namingDamagedParquet<T>(
  probe: ParquetProbe,
  files: () => Iterable<string>,
  whatToDo: string,
  read: () => Promise<T>,
): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof PulseError) throw error;
    const damaged = await firstUnreadable(probe, files());
    if (damaged === undefined) throw error;
    throw new DamagedParquetFileError(damaged, whatToDo, { cause: error });
  }
}

async function firstUnreadable(probe: ParquetProbe, files: Iterable<string>): Promise<string | undefined> {
  for (const file of files) if (existsSync(file) && !(await isReadableParquet(probe, file))) return file;
  return undefined;
}

/** Whether DuckDB reads the file's Parquet footer (what every read of it starts with). */
export async function isReadableParquet(probe: ParquetProbe, file: string): Promise<boolean> {
  try {
    await probe.query(`select 1 from parquet_metadata(${readerPath(file)}) limit 1`);
    return true;
  } catch {
    return false;
  }
}
