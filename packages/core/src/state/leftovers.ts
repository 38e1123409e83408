import { readdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { isProcessAlive } from './process-alive.js';

/** The artifact files writeArtifacts writes as `<file>.partial-<pid>` before renaming them. */
export const ARTIFACT_FILES = ['run_results.json', 'manifest.json'];

/**
 * Removes what crashed runs left beside the warehouse and the marts folder and in the artifacts folder:
 * staged warehouses (`<warehouse>.building-<pid>` and its `.wal`), staged or replaced marts folders
 * (`<marts>.building-<pid>`, `<marts>.old-<pid>`), half-written files (`.partial-<pid>`, `.new`).
 * Only files of dead processes go: a concurrent reader's or our own never do; in the artifacts folder
 * (which may be shared with other files, e.g. `--artifacts .`) only our own artifacts' partial files.
 * Returns what was removed, and what could not be (e.g. a marts folder made read-only): it stays.
 */
export async function removeLeftovers(
  warehouse: string,
  exportDir: string,
  artifactsDir: string,
): Promise<{ readonly removed: string[]; readonly stuck: string[] }> {
  const removed: string[] = [];
  const stuck: string[] = [];
  const sweep = async (dir: string, prefix: string) => {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch {
      return;
    }
    for (const name of names) {
      if (!name.startsWith(prefix)) continue;
      const pid = Number(
        /\.(?:building|old|partial)-(\d+)/.exec(name)?.[1] ?? /\.(\d+)\.new$/.exec(name)?.[1],
      );
      if (!pid || pid === process.pid || isProcessAlive(pid)) continue;
      // One that cannot be removed (a marts folder made read-only) must not fail every run: it stays.
      const gone = await rm(join(dir, name), { recursive: true, force: true }).then(
        () => true,
        () => false,
      );
      (gone ? removed : stuck).push(join(dir, name));
    }
  };
  await sweep(dirname(warehouse), `${basename(warehouse)}.`);
  await sweep(dirname(exportDir), `${basename(exportDir)}.`);
  await sweep(exportDir, '');
  for (const file of ARTIFACT_FILES) await sweep(artifactsDir, `${file}.partial-`);
  return { removed, stuck };
}
