import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Folders made by trackedTempDir since the current test file started. */
const made = new Set<string>();

/**
 * A fresh folder under the OS temp folder, removed after the test file that made it (by
 * remove-temp-dirs.setup.ts): for helpers that hand a folder to many tests and cannot know when the
 * last of them is done with it. Before, each run of the suite left a dozen such folders behind.
 */
export async function trackedTempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  made.add(dir);
  return dir;
}

export async function removeTrackedTempDirs(): Promise<void> {
  const dirs = [...made];
  made.clear();
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
}

/** How many tracked folders wait for removal (for the test of this helper). */
export function trackedTempDirCount(): number {
  return made.size;
}
