import { appendFile, readFile, rename, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DataFile } from '../../src/state/data-files.js';
import {
  manifestCacheOf,
  readManifestCache,
  warehouseIdentityOf,
  writeManifestCache,
} from '../../src/state/manifest-cache.js';
import { tempDir } from '../support/temp-warehouse.js';
import { runPulse } from './spawn-pulse.js';

const FILES: DataFile[] = [
  {
    path: 'accounts.csv',
    size: 120,
    mtime: new Date('2026-10-01T10:00:00.123Z'),
    mtimeNs: 1_790_000_000_123_456_789n,
    sha256: 'a'.repeat(64),
    source: 'accounts',
  },
  {
    path: 'events/part-0001.csv',
    size: 4096,
    mtime: new Date('2026-10-02T10:00:00.000Z'),
    sha256: 'b'.repeat(64),
    source: 'events',
  },
];

describe('the manifest cache beside the warehouse', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  const warehouse = () => join(dir, 'warehouse.duckdb');
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir('pulse-manifest-cache-'));
    await writeFile(warehouse(), 'not really a warehouse');
  });
  afterEach(() => cleanup());

  it('gives back the files it recorded for the same warehouse file', async () => {
    await writeManifestCache(warehouse(), FILES);
    expect(await readManifestCache(warehouse())).toEqual(FILES);
  });

  it('is ignored once another file is renamed over the warehouse (a build, a restore)', async () => {
    await writeManifestCache(warehouse(), FILES);
    await writeFile(join(dir, 'other'), 'not really a warehouse');
    await rename(join(dir, 'other'), warehouse());
    expect(await readManifestCache(warehouse())).toBeUndefined();
  });

  it('is ignored once the warehouse file is written (its mtime moves), even at the same size', async () => {
    await writeManifestCache(warehouse(), FILES);
    await writeFile(warehouse(), 'NOT really a warehouse');
    await utimes(warehouse(), new Date(), new Date(Date.now() + 5_000));
    expect(await readManifestCache(warehouse())).toBeUndefined();
  });

  it('is ignored while a WAL beside the warehouse may hold changes', async () => {
    await writeManifestCache(warehouse(), FILES);
    await appendFile(`${warehouse()}.wal`, 'x');
    expect(await readManifestCache(warehouse())).toBeUndefined();
  });

  it('records nothing when the warehouse changed since the files were read from it', async () => {
    const readFrom = await warehouseIdentityOf(warehouse());
    await utimes(warehouse(), new Date(), new Date(Date.now() + 5_000));
    await writeManifestCache(warehouse(), FILES, readFrom);
    expect(await readManifestCache(warehouse())).toBeUndefined();
  });

  it('a torn or foreign cache file is no manifest', async () => {
    await writeFile(manifestCacheOf(warehouse()), '{"warehouse": ');
    expect(await readManifestCache(warehouse())).toBeUndefined();
    await writeFile(manifestCacheOf(warehouse()), '[]');
    expect(await readManifestCache(warehouse())).toBeUndefined();
  });
});

describe('pulse refresh reads the manifest from the cache', () => {
  let root: string;
  let cleanup: () => Promise<void>;
  const raw = () => join(root, 'data', 'raw');
  const warehouse = () => join(root, 'data', 'warehouse.duckdb');
  beforeEach(async () => {
    ({ dir: root, cleanup } = await tempDir('pulse-refresh-cache-'));
    const generated = await runPulse(
      ['generate', '--out', raw(), '--accounts', '40', '--months', '3', '--seed', '5'],
      root,
    );
    expect(generated.code).toBe(0);
  });
  afterEach(() => cleanup());

  it('after a publish, and falls back to the warehouse when the cache is not for its file', async () => {
    expect((await runPulse(['refresh'], root)).code).toBe(0);
    const cache = JSON.parse(await readFile(manifestCacheOf(warehouse()), 'utf8'));
    expect(cache.files.map((file: DataFile) => file.path)).toContain('accounts.csv');

    // A cache for this very file is believed: another size and sha256 recorded read as a changed file.
    const lie = (file: { size: number; sha256: string }) => {
      file.size += 1;
      file.sha256 = '0'.repeat(64);
    };
    lie(cache.files.find((file: DataFile) => file.path === 'accounts.csv'));
    await writeFile(manifestCacheOf(warehouse()), JSON.stringify(cache));
    const believed = await runPulse(['refresh'], root);
    expect(believed.code).toBe(0);
    expect(believed.stdout).toContain('1 changed');

    // The same lie about another warehouse file is ignored: the warehouse's own manifest answers.
    const again = JSON.parse(await readFile(manifestCacheOf(warehouse()), 'utf8'));
    lie(again.files.find((file: DataFile) => file.path === 'accounts.csv'));
    again.warehouse.mtime_ns = '1';
    await writeFile(manifestCacheOf(warehouse()), JSON.stringify(again));
    const ignored = await runPulse(['refresh'], root);
    expect(ignored.code).toBe(0);
    expect(ignored.stdout).toContain('Up to date');
  });
});
