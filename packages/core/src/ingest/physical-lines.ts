import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { IngestFileError } from './ingest-errors.js';
import type { SourceFile } from './source-files.js';

const CR = 0x0d;
const LF = 0x0a;
/** Big reads: the count is memchr-bound, so fewer, larger chunks keep the JS side cheap. */
const CHUNK_BYTES = 1 << 20;

/**
 * A big file's physical lines as DuckDB's line reader counts them (read-csv-file.ts lineReaderOf), by
 * the rule of csv-header.ts plainLineCount (one per LF, plus an unterminated last line), streamed: zlib
 * inflates on libuv's thread pool, so this runs beside DuckDB's own read of the file instead of after it
 * (DuckDB's line reader is serial and cost 0.4 CPU-s per 1.25M-line gzip part).
 *
 * Undefined when the file has a CR that is not a CRLF's (DuckDB counts those in ways not worth copying)
 * or cannot be read here: the caller then asks DuckDB, as before. Throws IngestFileError for a gzip file
 * that does not inflate to its end: DuckDB reads a truncated gzip file up to the damage without a word,
 * and the rest of the file would be missing from the warehouse.
 */
export async function countPhysicalLines(file: SourceFile): Promise<number | undefined> {
  const raw = createReadStream(file.path, { highWaterMark: CHUNK_BYTES });
  const stream: Readable = file.gzip ? raw.pipe(createGunzip({ chunkSize: CHUNK_BYTES })) : raw;
  // pipe() does not pass a read error on: without this, the loop below would wait forever.
  if (stream !== raw) raw.on('error', (error) => stream.destroy(error));
  let lineFeeds = 0;
  let bytes = 0;
  let last = -1;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (chunk.length === 0) continue;
      // A CR ending the previous chunk must be a CRLF's.
      if (last === CR && chunk[0] !== LF) return undefined;
      for (let at = chunk.indexOf(CR); at >= 0; at = chunk.indexOf(CR, at + 1)) {
        if (at + 1 < chunk.length && chunk[at + 1] !== LF) return undefined;
      }
      for (let at = chunk.indexOf(LF); at >= 0; at = chunk.indexOf(LF, at + 1)) lineFeeds++;
      bytes += chunk.length;
      last = chunk[chunk.length - 1]!;
    }
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    if (file.gzip && code?.startsWith('Z_'))
      throw new IngestFileError(
        file.relativePath,
        `the file is not valid gzip to its end (${message}): it is truncated or damaged; export or copy it again.`,
      );
    return undefined;
  } finally {
    raw.destroy();
    stream.destroy();
  }
  if (last === CR) return undefined;
  return bytes > 0 && last !== LF ? lineFeeds + 1 : lineFeeds;
}

export type Settled<T> = { readonly value: T } | { readonly error: unknown };

/** The outcome of `promise`, never rejected: awaited later, or not at all, it raises no unhandled rejection. */
export function outcomeOf<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}
