// The reproducibility check: Parquet files written twice from the same rows are byte-identical, and a
// last-bit change of one DOUBLE is reported as a different file with the column and its relative size.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareMartBytes } from '../mart-bytes.js';

describe('compareMartBytes', () => {
  let dir: string;
  const folder = (name: string) => join(dir, name);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pulse-mart-bytes-'));
    for (const name of ['a', 'b', 'c']) mkdirSync(folder(name));
    const db = await (await DuckDBInstance.create(':memory:')).connect();
    const write = async (path: string, third: string) =>
      db.run(
        `copy (select * from (values ('2024-01-01'::date, 'all', 0.1::double + 0.2::double, 3), ('2024-02-01'::date, 'all', ${third}::double, 4))
           as t(month, segment, mrr, accounts) order by month) to '${path}' (format parquet)`,
      );
    await write(join(folder('a'), 'mrr.parquet'), '1.5');
    await write(join(folder('b'), 'mrr.parquet'), '1.5');
    // 1.5 and the next double above it: one unit in the last place.
    await write(join(folder('c'), 'mrr.parquet'), '1.5000000000000002');
    copyFileSync(join(folder('a'), 'mrr.parquet'), join(folder('a'), 'other.parquet'));
    copyFileSync(join(folder('a'), 'mrr.parquet'), join(folder('b'), 'other.parquet'));
    copyFileSync(join(folder('a'), 'mrr.parquet'), join(folder('c'), 'other.parquet'));
    db.closeSync();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('says yes when every file has the same bytes', async () => {
    const result = await compareMartBytes(folder('a'), folder('b'));
    expect(result.identical).toBe(true);
    expect(result.files).toEqual([
      { file: 'mrr.parquet', same: true },
      { file: 'other.parquet', same: true },
    ]);
    expect(result.columns).toEqual([]);
  });

  it('names the file and the column whose last bit differs, with the relative difference', async () => {
    const result = await compareMartBytes(folder('a'), folder('c'));
    expect(result.identical).toBe(false);
    expect(result.files.filter((f) => !f.same).map((f) => f.file)).toEqual(['mrr.parquet']);
    expect(result.columns).toHaveLength(1);
    const [column] = result.columns;
    expect(column).toMatchObject({ mart: 'mrr', column: 'mrr', values: 1, rows: 2 });
    expect(column!.maxRelative).toBeCloseTo(2 ** -52 / 1.5, 20);
  });

  it('says no when a mart is missing from one folder', async () => {
    rmSync(join(folder('b'), 'other.parquet'));
    const result = await compareMartBytes(folder('a'), folder('b'));
    expect(result.identical).toBe(false);
    expect(result.unmatched).toEqual(['other.parquet']);
  });
});
