import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeTrackedTempDirs, trackedTempDir, trackedTempDirCount } from './tracked-temp-dirs.js';

describe('trackedTempDir', () => {
  it('makes fresh folders that removeTrackedTempDirs removes, files and all', async () => {
    const before = trackedTempDirCount();
    const first = await trackedTempDir('pulse-tracked-');
    const second = await trackedTempDir('pulse-tracked-');
    await writeFile(join(second, 'data.csv'), 'a\n1\n');
    expect(first).not.toBe(second);
    expect(trackedTempDirCount()).toBe(before + 2);
    await removeTrackedTempDirs();
    expect([existsSync(first), existsSync(second), trackedTempDirCount()]).toEqual([false, false, 0]);
  });
});
