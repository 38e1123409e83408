// The vendor-layout copy of the bundled sample (messy headers, corrupt rows, an empty file, a header-only
// archive) read back through its `sources` block builds the same marts as the sample itself, and the
// comparison notices when the mapping is wrong. Real `pulse build`s and DuckDB, as in the bench.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../paths.js';
import { type BuildRun, pulseBuild } from '../pulse-build.js';
import { compareMartFolders } from '../same-marts.js';
import { writeVendorLayout } from '../vendor-layout.js';

const SAMPLE = join(REPO_ROOT, 'data', 'raw');
const counts = (build: BuildRun) =>
  JSON.parse(readFileSync(join(build.targetDir, 'run_results.json'), 'utf8')).sources.map(
    (s: { name: string; rows_read: number; rows_loaded: number; rows_quarantined: number }) =>
      `${s.name} ${s.rows_read} ${s.rows_loaded} ${s.rows_quarantined}`,
  );

describe('the vendor layout of the sample', () => {
  let dir: string;
  let vendor: string;
  let canonical: BuildRun;
  let mapped: BuildRun;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pulse-vendor-'));
    vendor = await writeVendorLayout(SAMPLE, join(dir, 'vendor'));
    canonical = await pulseBuild(SAMPLE, join(dir, 'canonical-build'));
    mapped = await pulseBuild(vendor, join(dir, 'mapped-build'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is written in the vendor layout, with the config that reads it beside it', () => {
    for (const canonicalName of ['accounts.csv', 'subscriptions.csv', 'events', 'tickets'])
      expect(existsSync(join(vendor, canonicalName))).toBe(false);
    const part = gunzipSync(readFileSync(join(vendor, 'segment', 'tracks', 'part-0000.csv.gz')))
      .toString()
      .split('\n');
    expect(part[0]).toBe('id,groupId,userId,event,timestamp');
    expect(part[1]).toMatch(/^[^,]+,[^,]+,[^,]+,[^,]+,\d{13}$/);
    const config = JSON.parse(readFileSync(join(dir, 'vendor', 'pulse.config.json'), 'utf8'));
    expect(config.reporting_currency).toBe('USD');
    expect(config.sources.events).toMatchObject({
      path: 'segment/tracks/',
      formats: { occurred_at: 'epoch_ms' },
    });
    expect(config.sources.tickets.path).toBe('helpdesk/export-*.csv');
    expect(config.sources.subscriptions.formats).toEqual({
      amount: 'minor_units',
      start_date: '%d/%m/%Y',
      end_date: '%d/%m/%Y',
    });
  });

  it('builds the same marts, as_of and source counts as the canonical layout', async () => {
    expect(mapped.asOf).toBe(canonical.asOf);
    expect(counts(mapped)).toEqual(counts(canonical));
    const compared = await compareMartFolders(canonical.martsDir, mapped.martsDir);
    expect(compared.differences).toEqual([]);
    expect(compared.marts).toBe(20);
    expect(compared.rows).toBeGreaterThan(10_000);
  });

  it('differs when the mapping forgets that amounts are in minor units', async () => {
    const configFile = join(dir, 'vendor', 'pulse.config.json');
    const config = JSON.parse(readFileSync(configFile, 'utf8'));
    delete config.sources.subscriptions.formats.amount;
    writeFileSync(configFile, JSON.stringify(config));
    const wrong = await pulseBuild(vendor, join(dir, 'wrong-build'));
    const compared = await compareMartFolders(canonical.martsDir, wrong.martsDir);
    expect(compared.differences.some((d) => d.startsWith('mrr_monthly.parquet:'))).toBe(true);
  });
});
