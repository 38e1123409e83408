import type { DataFolderFile } from '../ingest/data-folder.js';
import { threadsFromEnv } from '../warehouse/threads-setting.js';

/**
 * Below this much input a build runs DuckDB on one thread. DuckDB parallelises a statement by chunks of
 * about 122k rows, so on small tables a second thread finds no work, yet each statement still wakes it,
 * and it spins before it sleeps again. A `pulse build` of 150 generated accounts (0.4 MB of exports, 471
 * statements), four runs of each, alternated: 2.95 s wall and 3.4 CPU-s on one thread against 3.17 s and
 * 4.0 CPU-s on two. At 5.4 MB (1,500 accounts) the wall times were equal and one thread used 15 % less
 * CPU; at 18 MB (5,000 accounts) two threads were 8 % faster. The sample (3 MB on disk, 15 MB once its
 * gzip files are read; 10.5 MB as counted here) is above the line: there both gave 4.3 s.
 */
export const SMALL_INPUT_BYTES = 8 * 1024 * 1024;

/**
 * A gzip or Parquet file's bytes count this many times: both hold several times their size in rows (a
 * generated events CSV gzips to about a fifth), so a compressed folder is judged near its real size.
 */
export const COMPRESSED_WEIGHT = 4;

/** What the choice reads of a listed file (data-folder.ts). */
type SizedFile = Pick<DataFolderFile, 'size' | 'gzip' | 'format'>;

/** The input a build reads, in bytes, compressed files weighted by COMPRESSED_WEIGHT. */
export function inputBytes(files: readonly SizedFile[]): number {
  return files.reduce(
    (sum, file) => sum + file.size * (file.gzip || file.format === 'parquet' ? COMPRESSED_WEIGHT : 1),
    0,
  );
}

/**
 * The threads a build gives DuckDB: PULSE_THREADS when set; else one below SMALL_INPUT_BYTES of input;
 * else undefined, DuckDB's own default (one per core), as when the folder could not be listed.
 */
export function duckdbThreads(
  folder: { readonly files: readonly SizedFile[] } | undefined,
  env: NodeJS.ProcessEnv = process.env,
): number | undefined {
  const fromEnv = threadsFromEnv(env);
  if (fromEnv !== undefined) return fromEnv;
  return folder && inputBytes(folder.files) < SMALL_INPUT_BYTES ? 1 : undefined;
}
