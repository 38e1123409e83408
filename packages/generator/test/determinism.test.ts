import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GENERATED_MARKER } from '../src/output-folder.js';
import { type GeneratedFolder, generateInto, listFiles } from './support/generated-data.js';

const folders: GeneratedFolder[] = [];
async function generated(options: Parameters<typeof generateInto>[0]): Promise<GeneratedFolder> {
  const folder = await generateInto(options);
  folders.push(folder);
  return folder;
}
afterAll(() => Promise.all(folders.map((folder) => folder.dispose())));

async function digests(dir: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const file of await listFiles(dir)) {
    result[file] = createHash('sha256')
      .update(await readFile(join(dir, file)))
      .digest('hex');
  }
  return result;
}

const SMALL = { accounts: 120, months: 8, seed: 7, corruptRows: 3 } as const;

describe('generate: determinism', () => {
  it('writes byte-identical files for the same arguments, on this thread or on two workers', async () => {
    const inProcess = await generated({ ...SMALL, workers: 0 });
    const onWorkers = await generated({ ...SMALL, workers: 2 });
    const expected = await digests(inProcess.dir);
    expect(Object.keys(expected)).toContain('events/part-0003.csv.gz');
    expect(await digests(onWorkers.dir)).toEqual(expected);
  });

  it('writes different data for another seed, in the same layout', async () => {
    const [one, two] = await Promise.all([generated(SMALL), generated({ ...SMALL, seed: 8 })]);
    const [first, second] = await Promise.all([digests(one.dir), digests(two.dir)]);
    expect(Object.keys(second)).toEqual(Object.keys(first));
    for (const file of ['accounts.csv', 'subscriptions.csv', 'fx_rates.jsonl', 'events/part-0000.csv.gz']) {
      expect(second[file], file).not.toBe(first[file]);
    }
  });

  it('rewrites a folder in place: stale files of the same sources go, other files stay', async () => {
    const folder = await generated({ accounts: 10, months: 2, seed: 1 });
    await writeFile(join(folder.dir, 'events', 'part-0099.csv.gz'), 'stale');
    await writeFile(join(folder.dir, 'accounts.parquet'), 'stale');
    await mkdir(join(folder.dir, 'notes'));
    await writeFile(join(folder.dir, 'notes', 'keep.txt'), 'mine');
    const before = await digests(folder.dir);
    const { generate } = await import('../src/index.js');
    await generate({ outDir: folder.dir, accounts: 10, months: 2, seed: 1, workers: 0 });
    const after = await digests(folder.dir);
    expect(after['events/part-0099.csv.gz']).toBeUndefined();
    expect(after['accounts.parquet']).toBeUndefined();
    expect(after['notes/keep.txt']).toBe(before['notes/keep.txt']);
    expect(after['accounts.csv']).toBe(before['accounts.csv']);
  });

  // Any folder lost its exports: `--out` pointed at a folder of real exports replaced them.
  it('refuses a folder of exports it did not write, and leaves them', async () => {
    const folder = await generated({ accounts: 10, months: 2, seed: 1 });
    await rm(join(folder.dir, GENERATED_MARKER));
    const before = await digests(folder.dir);
    const { generate } = await import('../src/index.js');
    await expect(
      generate({ outDir: folder.dir, accounts: 10, months: 2, seed: 2, workers: 0 }),
    ).rejects.toThrow(
      new RegExp(`^${folder.dir} holds exports the generator did not write \\(accounts\\.csv, `),
    );
    expect(await digests(folder.dir)).toEqual(before);
  });
});
