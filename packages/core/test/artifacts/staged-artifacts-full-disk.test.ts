import { existsSync } from 'node:fs';
import { readdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManifestArtifact } from '../../src/artifacts/manifest-schema.js';
import type { RunResultsArtifact } from '../../src/artifacts/run-results-schema.js';
import { stageArtifacts } from '../../src/artifacts/write-artifacts.js';
import { StorageError } from '../../src/storage-error.js';
import { tempDir } from '../support/temp-warehouse.js';

/**
 * A full disk under the artifacts folder: the error named no file ("No space left on device"), and the
 * partial run_results.json stayed on the full disk until the next run. /dev/full refuses every write with
 * ENOSPC: a staged file linked to it stands for a full disk.
 */
describe('staging the artifacts on a full disk', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir('pulse-full-artifacts-'));
  });
  afterAll(() => cleanup());

  it.skipIf(!existsSync('/dev/full'))(
    'names the file it could not write and leaves no partial file behind',
    async () => {
      const manifestStaged = join(dir, `manifest.json.partial-${process.pid}`);
      await symlink('/dev/full', manifestStaged);
      const error = await stageArtifacts(dir, {
        runResults: { results: [] } as unknown as RunResultsArtifact,
        manifest: { nodes: {} } as unknown as ManifestArtifact,
      }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(StorageError);
      expect((error as StorageError).reason).toBe('no-space');
      expect((error as Error).message).toContain(`writing ${manifestStaged}`);
      expect(await readdir(dir)).toEqual([]);
    },
  );
});
