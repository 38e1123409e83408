import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Warehouse } from '../../src/index.js';
import { plainLineCount, readCsvHeader } from '../../src/ingest/csv-header.js';
import { lineReaderOf } from '../../src/ingest/read-csv-file.js';
import type { FileReadContext } from '../../src/ingest/staged-file.js';
import { trackedTempDir } from '../support/tracked-temp-dirs.js';

/**
 * Small files read many per statement take their physical line count from the JS header read
 * (plainLineCount) instead of DuckDB's line reader: a wrong count would put rows on the wrong line, so
 * the two must agree on every file the JS count accepts.
 */
const PIECES = ['a', 'b,c', '"q"', '"x\ny"', '"x\r\ny"', ' ', '', '\n', '\n', '\r\n', '\r\n', '\x01', 'é'];
const STRAY = ['\r', '\r\r\n', '\n\r'];

function* contents(): Generator<string> {
  yield* ['h\n', 'h', 'h\n\n', '\nh\n', 'h\r\n', 'h\r\n\r\n', 'h\n \n', 'h\r\nx', '\n', '\r\n', '\n\n\n'];
  yield* ['h\r', 'h\rx\r', 'h\r\r\n', 'h\n\r', 'h\r\rx\r', 'h\rx\n'];
  let seed = 7;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  for (let index = 0; index < 300; index++) {
    const pieces = Array.from({ length: 1 + random(12) }, () =>
      random(20) === 0 ? STRAY[random(STRAY.length)]! : PIECES[random(PIECES.length)]!,
    );
    yield `h,i${index % 2 ? '\r\n' : '\n'}${pieces.join('')}`;
  }
}

describe('physical line count of a small CSV file', () => {
  it('is what DuckDB line reader counts, whenever the JS count gives one', async () => {
    const dir = await trackedTempDir('pulse-line-count-');
    const warehouse = await Warehouse.open(':memory:');
    let compared = 0;
    let declined = 0;
    try {
      for (const [index, text] of [...contents()].entries()) {
        const path = join(dir, `f${index}.csv`);
        await writeFile(path, text);
        const bytes = Buffer.from(text);
        const js = plainLineCount(bytes);
        if (js === undefined) {
          declined++;
          expect(text).toMatch(/\r(?!\n)/);
          continue;
        }
        const file = { path, relativePath: `f${index}.csv`, format: 'csv' as const, gzip: false };
        const newline = text.includes('\n') || text.includes('\r') ? '\n' : undefined;
        const context = { file } as FileReadContext;
        const [row] = await warehouse.query<{ n: number }>(
          `select count(*)::integer as n from ${lineReaderOf(context, { names: ['h'], leadingBlankLines: 0, linesBeforeData: 1, newline })}`,
        );
        expect({ text, lines: js }).toEqual({ text, lines: row!.n });
        compared++;
      }
    } finally {
      await warehouse.close();
    }
    expect(compared).toBeGreaterThan(120);
    expect(declined).toBeGreaterThan(20);
  });

  it('comes with the header of a file read whole, and not of a file with a lone CR', async () => {
    const dir = await trackedTempDir('pulse-line-count-');
    const read = async (text: string) => {
      const path = join(dir, 'f.csv');
      await writeFile(path, text);
      return readCsvHeader({ path, relativePath: 'f.csv', format: 'csv', gzip: false, size: text.length });
    };
    expect((await read('a,b\n1,2\n\n3,4')).physicalLines).toBe(4);
    expect((await read('a,b\r\n1,2\r\n')).physicalLines).toBe(2);
    expect((await read('a,b\r1,2\r')).physicalLines).toBeUndefined();
    expect((await read('a,b\n1,2\r\r\n')).physicalLines).toBeUndefined();
  });
});
