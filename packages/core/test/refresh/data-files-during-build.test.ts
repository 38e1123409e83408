import { createHash } from 'node:crypto';
import { appendFileSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { diffDataFiles, scanDataFolder, scanDataFolderDuringBuild } from '../../src/state/data-files.js';
import { tempDir } from '../support/temp-warehouse.js';

// A build lists its exports before ingestion reads them and hashes them while it runs
// (scanDataFolderDuringBuild): the manifest must say what a scan before the build would have said, and a
// file changed while the build read it must count as changed for the next refresh.
describe('the files a build records, hashed while it runs', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir('pulse-data-files-'));
    await mkdir(join(dir, 'events'));
    writeFileSync(join(dir, 'accounts.csv'), 'account_id\nA1\n');
    // Over the size read in one go, so it is streamed: hashing it takes several turns of the event loop.
    writeFileSync(join(dir, 'events', 'big.csv'), `event_id\n${'e\n'.repeat(1_000_000)}`);
  });
  afterEach(() => cleanup());

  it('records what a scan before the build records', async () => {
    const during = await scanDataFolderDuringBuild(dir, undefined);
    const before = await scanDataFolder(dir, undefined);
    expect(await during.files).toEqual(before.files);
    expect(during.folder.files.map((file) => file.relativePath)).toEqual(['accounts.csv', 'events/big.csv']);
    const big = (await during.files).find((file) => file.path === 'events/big.csv')!;
    const text = `event_id\n${'e\n'.repeat(1_000_000)}`;
    expect(big.sha256).toBe(createHash('sha256').update(text).digest('hex'));
  });

  it('records a file changed while the build read it as changed', async () => {
    const listedSize = (await scanDataFolder(dir, undefined)).files.find(
      (f) => f.path === 'events/big.csv',
    )!.size;
    const during = await scanDataFolderDuringBuild(dir, undefined);
    // Changed after it was listed, before it is hashed (it is streamed): the hash is of the new bytes,
    // the size and mtime recorded are the listed ones, as ingestion may have read either version.
    appendFileSync(join(dir, 'events', 'big.csv'), 'late\n');
    const recorded = await during.files;
    expect(recorded.find((file) => file.path === 'events/big.csv')!.size).toBe(listedSize);
    // The next refresh must read it again: recorded with the new bytes' hash, it would look unchanged.
    const next = await scanDataFolder(dir, undefined, recorded);
    expect(diffDataFiles(recorded, next.files).changed).toEqual(['events/big.csv']);
  });
});
