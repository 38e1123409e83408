import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { SYNC_READ_BYTES } from './concurrent.js';
import { IngestFileError } from './ingest-errors.js';
import type { SourceFile } from './source-files.js';
import { utf16Encoding } from './text-encoding.js';

export type Newline = '\n' | '\r\n' | '\r';

/** What the first bytes of a CSV file say: its header names and the layout DuckDB must be told about. */
export interface CsvHeader {
  /** Header fields as written (untrimmed), in file order. */
  readonly names: readonly string[];
  /** Blank lines before the header (DuckDB's `skip`). */
  readonly leadingBlankLines: number;
  /** Physical lines up to and including the header: the first data record starts on the next line. */
  readonly linesBeforeData: number;
  /** The header's line ending; undefined for a file that is only a header without one. */
  readonly newline: Newline | undefined;
  /**
   * The file's physical lines as DuckDB's line reader counts them (read-csv-file.ts lineReaderOf), when
   * the whole file was read here and every CR is that of a CRLF; otherwise undefined and DuckDB counts.
   */
  readonly physicalLines?: number;
  /**
   * A small plain file whole (up to WHOLE_FILE_BYTES), and where its data starts: such files may be read
   * together as one (csv-direct-load.ts).
   */
  readonly whole?: { readonly bytes: Uint8Array; readonly dataStart: number };
}

/** Up to this size a plain file's bytes are kept with its header (2,000 of them: at most 32 MiB). */
const WHOLE_FILE_BYTES = 16 * 1024;

/** The header must fit in the first mebibyte (bounded memory, whatever the file size). */
const SNIFF_BYTES = 1 << 20;
const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;

/**
 * Reads and parses the header record in JS (RFC 4180, as DuckDB's strict reader does) from the first bytes
 * only, and rejects files that are plainly not UTF-8 CSV before DuckDB reads them.
 */
export async function readCsvHeader(file: SourceFile): Promise<CsvHeader> {
  const { bytes, complete } = await readStart(file);
  const fail = (message: string): never => {
    throw new IngestFileError(file.relativePath, message);
  };
  const utf16 = utf16Encoding(bytes);
  if (utf16 === 'bom') fail('the file is UTF-16 encoded; export it as UTF-8 (e.g. "CSV UTF-8" in Excel).');
  if (utf16) fail('the file looks like UTF-16 text without a byte-order mark: re-export as UTF-8.');
  if (bytes.includes(0)) {
    fail(
      `the file contains binary data (NUL bytes), so it is not a text CSV; if it is ${file.gzip ? 'not gzip-compressed text' : 'Parquet or compressed'}, give it the matching extension.`,
    );
  }
  let position = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let leadingBlankLines = 0;
  while (position < bytes.length && (bytes[position] === LF || bytes[position] === CR)) {
    position += bytes[position] === CR && bytes[position + 1] === LF ? 2 : 1;
    leadingBlankLines++;
  }
  if (position >= bytes.length) fail('the file has no header row; write the column names on the first line.');
  const record = parseRecord(bytes, position, complete, fail);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const names = record.fields.map((field) => {
    try {
      return decoder.decode(field);
    } catch {
      return fail(
        'the header is not valid UTF-8; re-export the file as UTF-8 (e.g. iconv -f latin1 -t utf-8).',
      );
    }
  });
  const physicalLines = complete ? plainLineCount(bytes) : undefined;
  return {
    names,
    leadingBlankLines,
    linesBeforeData: leadingBlankLines + 1 + record.embeddedNewlines,
    newline: record.newline,
    ...(physicalLines !== undefined && { physicalLines }),
    ...(complete &&
      !file.gzip &&
      bytes.length <= WHOLE_FILE_BYTES && { whole: { bytes, dataStart: record.end } }),
  };
}

/**
 * Lines of a file whose line breaks are all LF or CRLF: one per LF, plus an unterminated last line. This
 * is what DuckDB's quote-less line reader counts for such a file (blank lines and a line of spaces
 * included; checked against it in csv-line-count.test.ts). A lone CR anywhere (a CR-only file, a stray
 * CR before a CRLF) is counted by DuckDB in ways not worth copying: undefined, DuckDB counts.
 */
export function plainLineCount(bytes: Uint8Array): number | undefined {
  let lines = 0;
  for (let position = bytes.indexOf(CR); position >= 0; position = bytes.indexOf(CR, position + 1)) {
    if (bytes[position + 1] !== LF) return undefined;
  }
  for (let position = bytes.indexOf(LF); position >= 0; position = bytes.indexOf(LF, position + 1)) lines++;
  return bytes.length > 0 && bytes[bytes.length - 1] !== LF ? lines + 1 : lines;
}

interface ParsedRecord {
  fields: Uint8Array[];
  newline: Newline | undefined;
  embeddedNewlines: number;
  /** The offset right after the record's line ending (the bytes' length when it has none). */
  end: number;
}

function parseRecord(
  bytes: Uint8Array,
  start: number,
  complete: boolean,
  fail: (message: string) => never,
): ParsedRecord {
  const fields: Uint8Array[] = [];
  let embeddedNewlines = 0;
  let position = start;
  const tooLong = () =>
    fail(
      `the header row is longer than ${SNIFF_BYTES} bytes or never ends; check the file is a CSV with a header.`,
    );
  for (;;) {
    if (bytes[position] === QUOTE) {
      const parts: number[] = [];
      position++;
      for (;;) {
        if (position >= bytes.length) {
          if (complete) fail('the header row has an unterminated quote; close the quoted column name.');
          tooLong();
        }
        const byte = bytes[position]!;
        if (byte === QUOTE && bytes[position + 1] === QUOTE) {
          parts.push(QUOTE);
          position += 2;
        } else if (byte === QUOTE) {
          position++;
          break;
        } else {
          if (byte === LF || (byte === CR && bytes[position + 1] !== LF)) embeddedNewlines++;
          parts.push(byte);
          position++;
        }
      }
      fields.push(Uint8Array.from(parts));
      const next = bytes[position];
      if (next !== undefined && next !== COMMA && next !== CR && next !== LF) {
        fail('the header row has text after a closing quote; quote whole column names ("a ""b"" c").');
      }
    } else {
      const fieldStart = position;
      while (position < bytes.length && ![COMMA, CR, LF].includes(bytes[position]!)) position++;
      fields.push(bytes.subarray(fieldStart, position));
    }
    if (position >= bytes.length) {
      if (!complete) tooLong();
      return { fields, newline: undefined, embeddedNewlines, end: bytes.length };
    }
    const byte = bytes[position]!;
    if (byte === COMMA) {
      position++;
      continue;
    }
    if (byte === CR && bytes[position + 1] === LF)
      return { fields, newline: '\r\n', embeddedNewlines, end: position + 2 };
    if (byte === CR && position + 1 >= bytes.length && !complete) tooLong();
    return { fields, newline: byte === CR ? '\r' : '\n', embeddedNewlines, end: position + 1 };
  }
}

/** The first SNIFF_BYTES of the (decompressed) file, and whether that is the whole file. */
export async function readStart(file: SourceFile): Promise<{ bytes: Uint8Array; complete: boolean }> {
  if (!file.gzip && file.size !== undefined && file.size <= SYNC_READ_BYTES) {
    const start = readSmallStart(file, file.size);
    if (start) return start;
  }
  return readStreamStart(file);
}

/**
 * A small plain file (SYNC_READ_BYTES), read whole and synchronously into a buffer of its listed size + 1
 * (a stream cost more than the read itself for 10,000 one-row files). Undefined when the file grew past
 * the buffer meanwhile: the stream reads it then.
 */
function readSmallStart(
  file: SourceFile,
  size: number,
): { bytes: Uint8Array; complete: boolean } | undefined {
  const buffer = Buffer.allocUnsafe(size + 1);
  let length = 0;
  let fd: number | undefined;
  try {
    fd = openSync(file.path, 'r');
    for (;;) {
      const bytesRead = readSync(fd, buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length === buffer.length) return undefined;
    }
  } catch (error) {
    throw unreadable(file, error);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  return { bytes: buffer.subarray(0, length), complete: true };
}

function unreadable(file: SourceFile, error: unknown): IngestFileError {
  const code = (error as NodeJS.ErrnoException).code;
  return new IngestFileError(
    file.relativePath,
    file.gzip && code?.startsWith('Z_')
      ? `the file is not valid gzip (${(error as Error).message}); re-compress it with gzip or drop the .gz extension if it is plain ${file.format === 'jsonl' ? 'JSON Lines' : 'CSV'}.`
      : `cannot read the file (${code ?? (error as Error).message}); check that it exists and is readable.`,
  );
}

async function readStreamStart(file: SourceFile): Promise<{ bytes: Uint8Array; complete: boolean }> {
  const raw = createReadStream(file.path, file.gzip ? {} : { end: SNIFF_BYTES });
  const stream: Readable = file.gzip ? raw.pipe(createGunzip()) : raw;
  const chunks: Buffer[] = [];
  let length = 0;
  try {
    for await (const chunk of stream) {
      chunks.push(chunk as Buffer);
      length += (chunk as Buffer).length;
      if (length > SNIFF_BYTES) break;
    }
  } catch (error) {
    throw unreadable(file, error);
  } finally {
    raw.destroy();
    stream.destroy();
  }
  const bytes = Buffer.concat(chunks);
  const complete = bytes.length <= SNIFF_BYTES;
  return { bytes: complete ? bytes : bytes.subarray(0, SNIFF_BYTES + 1), complete };
}
