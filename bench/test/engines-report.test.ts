// The PostgreSQL-vs-DuckDB section of BENCHMARKS.md from bench/results/engines.json, and the engine
// comparison of mart folders (1e-9 relative for floating and decimal numbers, exact otherwise).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareEngineMarts } from '../engine-marts.js';
import { type EnginesEntry, parseEnginesResult } from '../engines-result.js';
import { enginesSection } from '../report-engines.js';

const build = { exitCode: 0, ingestSeconds: 10, modelsSeconds: 20, loadAverage: 1.5 };
const entry = (scale: string, events: number): EnginesEntry => ({
  scale,
  measuredAt: '2026-12-03T18:00:00.000Z',
  revision: 'abc1234',
  uncommittedFiles: [],
  machine: {
    cpus: 2,
    cpuModel: 'Test CPU',
    memoryGb: 24,
    node: 'v20.19.0',
    duckdb: 'v1.4.0',
    loadAverage: 1.5,
  },
  commands: { bench: `flock /tmp/heavy.lock npm run bench:engines -- --scale ${scale}` },
  dataset: { accounts: 10_000, events, mb: 63 },
  postgres: { version: 'postgres (PostgreSQL) 15.18', settings: { work_mem: '256MB' }, note: 'tuned' },
  duckdb: { ...build, seconds: 40, cliCpuSeconds: 50, peakRssMb: 1000.4 },
  postgresBuild: {
    ...build,
    seconds: 120,
    cliCpuSeconds: 30,
    serverCpuSeconds: 70,
    peakRssMb: 800,
    serverPeakPssMb: 4200,
  },
  marts: { equal: true, files: 20, rows: 12_345, differences: [] },
});

const section = (text: string) => {
  const lines: string[] = [];
  enginesSection(parseEnginesResult(text), (line = '') => lines.push(line));
  return lines;
};

describe('enginesSection', () => {
  it('writes one row per scale, smallest first, with the PostgreSQL / DuckDB ratios', () => {
    const lines = section(
      JSON.stringify({ entries: { L: entry('L', 49_000_000), M: entry('M', 5_000_000) } }),
    );
    expect(lines).toContain('## A second engine: PostgreSQL vs DuckDB');
    const rows = lines.filter((line) => /^\| [ML] \|/.test(line));
    expect(rows.map((line) => line.slice(0, 5))).toEqual(['| M |', '| L |']);
    // Build 120 / 40 = 3×; CPU (30 + 70) / 50 = 2×.
    expect(rows[0]).toBe(
      '| M | 5,000,000 | 40.0 s | 50.0 s | 1,000 MB | 120.0 s | 30.0 s | 70.0 s | 800 MB | 4,200 MB | 3× | 2× | yes (20 files, 12,345 rows) |',
    );
    expect(lines).toContain('flock /tmp/heavy.lock npm run bench:engines -- --scale L');
  });

  it('marks unequal marts and a failed build', () => {
    const bad = entry('M', 5);
    const failed = {
      ...bad,
      postgresBuild: { ...bad.postgresBuild, exitCode: 1, error: 'out\nmodel x failed' },
      marts: { equal: false, files: 0, rows: 0, differences: ['a build failed: nothing to compare'] },
    };
    const lines = section(JSON.stringify({ entries: { M: failed } }));
    const row = lines.find((line) => line.startsWith('| M |'))!;
    expect(row).toContain('120.0 s **(failed, exit 1)**');
    expect(row.endsWith('| **no** |')).toBe(true);
    expect(lines).toContain('  PostgreSQL build failed: `model x failed`');
  });

  it('writes nothing without entries, and refuses a file of another shape with the field at fault', () => {
    expect(section('{"entries": {}}')).toEqual([]);
    expect(() => parseEnginesResult('{"entries": {"M": {"scale": "M"}}}')).toThrow(
      /engines\.json.*measuredAt/s,
    );
  });
});

describe('compareEngineMarts', () => {
  let dir: string;
  const folder = (name: string) => join(dir, name);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pulse-engine-marts-'));
    const db = await (await DuckDBInstance.create(':memory:')).connect();
    const write = async (name: string, rows: string) => {
      mkdirSync(folder(name), { recursive: true });
      await db.run(
        `copy (select * from (values ${rows}) as t(month, segment, mrr, accounts)) to '${join(folder(name), 'mrr.parquet')}' (format parquet)`,
      );
    };
    const row = (segment: string, mrr: string, accounts = 3) =>
      `('2024-01-01'::date, '${segment}', ${mrr}::double, ${accounts})`;
    await write('a', `${row('all', '1000.5')}, ${row('smb', '0')}`);
    // 1e-10 relative off: within tolerance.
    await write('near', `${row('all', '1000.5000001')}, ${row('smb', '0')}`);
    // 1e-8 relative off: beyond it.
    await write('far', `${row('all', '1000.50001')}, ${row('smb', '0')}`);
    await write('text', `${row('all', '1000.5')}, ${row('SMB', '0')}`);
    await write('integer', `${row('all', '1000.5')}, ${row('smb', '0', 4)}`);
    await write('short', row('all', '1000.5'));
    db.closeSync();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('takes numbers equal to 1e-9 relative', async () => {
    expect(await compareEngineMarts(folder('a'), folder('near'))).toEqual({
      equal: true,
      files: 1,
      rows: 2,
      differences: [],
    });
  });

  it('names the file, row and column of each difference', async () => {
    const far = await compareEngineMarts(folder('a'), folder('far'));
    expect(far.equal).toBe(false);
    expect(far.differences).toEqual(['mrr.parquet row 1 (1 rows differ): mrr: 1000.5 vs 1000.50001']);
    expect((await compareEngineMarts(folder('a'), folder('text'))).differences).toEqual([
      'mrr.parquet row 2 (1 rows differ): segment: smb vs SMB',
    ]);
    expect((await compareEngineMarts(folder('a'), folder('integer'))).differences).toEqual([
      'mrr.parquet row 2 (1 rows differ): accounts: 3 vs 4',
    ]);
    expect((await compareEngineMarts(folder('a'), folder('short'))).differences).toEqual([
      'mrr.parquet: 2 rows vs 1',
    ]);
  });
});
