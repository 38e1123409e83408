import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { plainLineCount } from '../../src/ingest/csv-header.js';
import { countPhysicalLines } from '../../src/ingest/physical-lines.js';
import type { SourceFile } from '../../src/ingest/source-files.js';
import { trackedTempDir } from '../support/tracked-temp-dirs.js';

/**
 * The streamed count of a big file must be plainLineCount's (checked against DuckDB's line reader in
 * csv-line-count.test.ts) on every file, plain or gzip, also where a CRLF or a lone CR falls on the
 * boundary between two chunks of the stream (1 MiB).
 */
const MIB = 1 << 20;

async function fileOf(dir: string, name: string, bytes: Buffer, gzip: boolean): Promise<SourceFile> {
  const path = join(dir, gzip ? `${name}.csv.gz` : `${name}.csv`);
  await writeFile(path, gzip ? gzipSync(bytes) : bytes);
  return { path, relativePath: name, format: 'csv', gzip, size: bytes.length };
}

function cases(): [string, Buffer][] {
  const lineAt = (end: number, newline: string) => {
    // 'x' up to `end` (exclusive) then the newline: its first byte is at offset end - 1 + 1 = end.
    return Buffer.concat([
      Buffer.from('h\n'),
      Buffer.alloc(end - 2, 'x'),
      Buffer.from(newline),
      Buffer.from('y\n'),
    ]);
  };
  return [
    ['empty', Buffer.alloc(0)],
    ['header only', Buffer.from('h')],
    ['lf', Buffer.from('h\na\nb\n')],
    ['unterminated', Buffer.from('h\na\nb')],
    ['crlf', Buffer.from('h\r\na\r\n\r\nb\r\n')],
    ['blank and quoted', Buffer.from('h\n"a\nb"\n\n \n')],
    ['lone cr', Buffer.from('h\ra\r')],
    ['cr before crlf', Buffer.from('h\r\r\na\r\n')],
    ['trailing cr', Buffer.from('h\na\r')],
    ['crlf across chunks', lineAt(MIB - 1, '\r\n')],
    ['lone cr at chunk end', lineAt(MIB - 1, '\rz')],
    ['lf at chunk start', lineAt(MIB, '\n')],
    ['big', Buffer.from(`h,i\n${'a,b\r\n'.repeat(700_000)}c,d`)],
  ];
}

describe('countPhysicalLines', () => {
  it('counts as plainLineCount does, plain and gzip, across chunk boundaries', async () => {
    const dir = await trackedTempDir('pulse-physical-lines-');
    const seen: string[] = [];
    for (const [name, bytes] of cases()) {
      for (const gzip of [false, true]) {
        const file = await fileOf(dir, name.replaceAll(' ', '-'), bytes, gzip);
        expect({ name, gzip, lines: await countPhysicalLines(file) }).toEqual({
          name,
          gzip,
          lines: plainLineCount(bytes),
        });
      }
      seen.push(name);
    }
    // The boundary cases really are counted (and declined) where expected.
    expect(plainLineCount(cases().find(([name]) => name === 'crlf across chunks')![1])).toBe(3);
    expect(plainLineCount(cases().find(([name]) => name === 'lone cr at chunk end')![1])).toBeUndefined();
    expect(seen).toHaveLength(cases().length);
  });

  it('declines a file it cannot read, for DuckDB to count; a gzip file that does not inflate is an error', async () => {
    const dir = await trackedTempDir('pulse-physical-lines-');
    const path = join(dir, 'bad.csv.gz');
    await writeFile(path, Buffer.from('not gzip at all\n'));
    await expect(
      countPhysicalLines({ path, relativePath: 'bad.csv.gz', format: 'csv', gzip: true }),
    ).rejects.toThrow(/bad\.csv\.gz.*not valid gzip to its end/);
    const truncated = join(dir, 'truncated.csv.gz');
    const whole = gzipSync(Buffer.from('a,b\n1,2\n'.repeat(1000)));
    await writeFile(truncated, whole.subarray(0, whole.length - 20));
    await expect(
      countPhysicalLines({ path: truncated, relativePath: 'truncated.csv.gz', format: 'csv', gzip: true }),
    ).rejects.toThrow(/truncated or damaged/);
    expect(
      await countPhysicalLines({
        path: join(dir, 'missing.csv'),
        relativePath: 'missing.csv',
        format: 'csv',
        gzip: false,
      }),
    ).toBeUndefined();
  });
});
