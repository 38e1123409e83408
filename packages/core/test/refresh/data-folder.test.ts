import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFile, readFile, rename, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../../src/index.js';
import { tempDir } from '../support/temp-warehouse.js';
import { runPulse } from './spawn-pulse.js';

/** Refresh and build list the data folder with one lister (ingest/data-folder.ts): these pin it down. */
describe('pulse refresh sees the data folder as the build does', () => {
  let root: string;
  let cleanup: () => Promise<void>;
  const raw = () => join(root, 'data', 'raw');
  const warehouse = () => join(root, 'data', 'warehouse.duckdb');
  const quarantined = async (source: string) => {
    const db = await Warehouse.open(warehouse(), { readOnly: true });
    try {
      const [row] = await db.query<{ n: number }>(`select count(*)::integer as n from quarantine.${source}`);
      return row!.n;
    } finally {
      await db.close();
    }
  };
  beforeAll(async () => {
    ({ dir: root, cleanup } = await tempDir('pulse-refresh-folder-'));
    const generated = await runPulse(
      ['generate', '--out', raw(), '--accounts', '40', '--months', '4', '--seed', '5'],
      root,
    );
    expect(generated.code).toBe(0);
  });
  afterAll(() => cleanup());

  it('records a symlinked source file, so an edit of its target is refreshed', async () => {
    const outside = join(root, 'ext.csv');
    await rename(join(raw(), 'subscriptions.csv'), outside);
    await symlink(outside, join(raw(), 'subscriptions.csv'));
    const built = await runPulse(['build'], root);
    expect(built.code).toBe(0);
    const before = await quarantined('subscriptions');
    // A copy of the last row: a duplicate subscription_id, quarantined once the edit is seen.
    const lines = (await readFile(outside, 'utf8')).trimEnd().split('\n');
    await appendFile(outside, `${lines.at(-1)}\n`);
    const refreshed = await runPulse(['refresh'], root);
    expect({ code: refreshed.code, stderr: refreshed.stderr }).toEqual({ code: 0, stderr: '' });
    expect(refreshed.stdout).not.toContain('Up to date');
    expect(await quarantined('subscriptions')).toBe(before + 1);
  });

  it('ignores hidden files and files that are not exports: adding or removing them changes nothing', async () => {
    expect((await runPulse(['refresh'], root)).stdout).toContain('Up to date');
    await writeFile(join(raw(), 'events', '.part-0009.csv.Xy12Ab'), 'account_id\n');
    await writeFile(join(raw(), '.DS_Store'), 'junk');
    await writeFile(join(raw(), 'README.txt'), 'how these exports were made');
    expect((await runPulse(['refresh'], root)).stdout).toContain('Up to date');
    await rm(join(raw(), 'events', '.part-0009.csv.Xy12Ab'));
    await rm(join(raw(), 'README.txt'));
    const afterRemoval = await runPulse(['refresh'], root);
    expect({ code: afterRemoval.code, stderr: afterRemoval.stderr }).toEqual({ code: 0, stderr: '' });
    expect(afterRemoval.stdout).toContain('Up to date');
  });

  it('reuses the recorded sha256 when size and mtime are unchanged, and re-reads a file whose mtime moved', async () => {
    const file = join(raw(), 'survey_responses.csv');
    const text = await readFile(file, 'utf8');
    const { mtimeNs } = await stat(file, { bigint: true });
    // `touch -d @s.ns` sets the mtime to the nanosecond; utimes would round it to the microsecond.
    const restoreMtime = () =>
      execFileSync('touch', [
        '-m',
        '-d',
        `@${mtimeNs / 1_000_000_000n}.${String(mtimeNs % 1_000_000_000n).padStart(9, '0')}`,
        file,
      ]);
    // Same size, same mtime, other bytes: by the documented rule this is not looked at (rsync's rule too).
    const swapped = text.replace('nps', 'NPS');
    expect(swapped.length).toBe(text.length);
    await writeFile(file, swapped);
    restoreMtime();
    expect((await runPulse(['refresh'], root)).stdout).toContain('Up to date');
    // Touched: read again, and the bytes decide (a touch alone is no change).
    await writeFile(file, text);
    const touched = await runPulse(['refresh'], root);
    expect(touched.code).toBe(0);
    await utimes(file, new Date(), new Date());
    expect((await runPulse(['refresh'], root)).stdout).toContain('Up to date');
  });

  it('fails on a symlink loop, naming the link, instead of recording the folder over and over', async () => {
    await symlink('.', join(raw(), 'events', 'loop'));
    const refreshed = await runPulse(['refresh'], root);
    expect(refreshed.code).toBe(1);
    expect(refreshed.stderr).toContain('events/loop');
    expect(refreshed.stderr).toMatch(/symbolic link/);
    await rm(join(raw(), 'events', 'loop'));
  });

  it('pulse build reuses the published sha256 of a file whose size and mtime are unchanged, as refresh does', async () => {
    const file = join(raw(), 'spend.csv');
    const recorded = async () => {
      const db = await Warehouse.open(warehouse(), { readOnly: true });
      try {
        const [row] = await db.query<{ sha256: string }>(
          `select sha256 from pulse.ingested_files where path = 'spend.csv'`,
        );
        return row!.sha256;
      } finally {
        await db.close();
      }
    };
    const sha256 = async () =>
      createHash('sha256')
        .update(await readFile(file))
        .digest('hex');
    expect((await runPulse(['build'], root)).code).toBe(0);
    expect(await recorded()).toBe(await sha256());
    const text = await readFile(file, 'utf8');
    const { mtimeNs } = await stat(file, { bigint: true });
    const swapped = text.replace('2', '3');
    expect(swapped).not.toBe(text);
    await writeFile(file, swapped);
    execFileSync('touch', [
      '-m',
      '-d',
      `@${mtimeNs / 1_000_000_000n}.${String(mtimeNs % 1_000_000_000n).padStart(9, '0')}`,
      file,
    ]);
    // Same size and mtime: not read again (the documented rule), so the old sha256 is kept.
    expect((await runPulse(['build'], root)).code).toBe(0);
    expect(await recorded()).not.toBe(await sha256());
    // Touched: hashed again.
    await utimes(file, new Date(), new Date());
    expect((await runPulse(['build'], root)).code).toBe(0);
    expect(await recorded()).toBe(await sha256());
  });
});
