import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StorageError, storageErrorOf } from '../storage-error.js';
import type { ManifestArtifact } from './manifest-schema.js';
import type { RunResultsArtifact } from './run-results-schema.js';

export interface WrittenArtifacts {
  readonly runResults: string;
  readonly manifest?: string;
}

/** A complete file written beside its place, renamed into it when its run publishes (staged-publish.ts). */
export interface StagedFileMove {
  readonly staged: string;
  readonly published: string;
}

/** Writes `run_results.json` (and `manifest.json` when given) into the target folder, each atomically. */
export async function writeArtifacts(
  targetDir: string,
  artifacts: { runResults: RunResultsArtifact; manifest?: ManifestArtifact },
): Promise<WrittenArtifacts> {
  await mkdir(targetDir, { recursive: true });
  const runResults = await writeJson(join(targetDir, 'run_results.json'), artifacts.runResults);
  if (!artifacts.manifest) return { runResults };
  return { runResults, manifest: await writeJson(join(targetDir, 'manifest.json'), artifacts.manifest) };
}

/**
 * Writes `pulse test`'s results as `test_results.json` (run_results.json's schema, command `test`) into
 * the target folder, atomically. Never run_results.json: that is the build's record, which the report
 * site, `pulse check`, `pulse digest` and `pulse refresh` read (its quarantine counts, targets, digest and
 * the data folder it read); a `pulse test --select` written over it left the site reporting no
 * quarantined row and every other mart "not in run".
 */
export async function writeTestResults(targetDir: string, results: RunResultsArtifact): Promise<string> {
  await mkdir(targetDir, { recursive: true });
  return writeJson(join(targetDir, 'test_results.json'), results);
}

/**
 * Writes the artifacts beside their places (`<file>.partial-<pid>`), complete, without renaming them: a
 * build's artifacts are published with its warehouse and marts (the publish journal renames them), so a
 * disk that cannot hold them fails the run before anything is published, and a run killed once its
 * warehouse is in place still gets its own artifacts from the next run's roll-forward.
 */
export async function stageArtifacts(
  targetDir: string,
  artifacts: { runResults: RunResultsArtifact; manifest: ManifestArtifact },
): Promise<{ readonly written: Required<WrittenArtifacts>; readonly moves: readonly StagedFileMove[] }> {
  await mkdir(targetDir, { recursive: true });
  const runResults = await stageJson(join(targetDir, 'run_results.json'), artifacts.runResults);
  let manifest: StagedFileMove;
  try {
    manifest = await stageJson(join(targetDir, 'manifest.json'), artifacts.manifest);
  } catch (error) {
    await rm(runResults.staged, { force: true });
    throw error;
  }
  return {
    written: { runResults: runResults.published, manifest: manifest.published },
    moves: [runResults, manifest],
  };
}

async function writeJson(path: string, value: unknown): Promise<string> {
  const { staged } = await stageJson(path, value);
  await rename(staged, path);
  return path;
}

/**
 * Writes the file beside its place. A failed write removes what it wrote (a full disk kept a 100 kB
 * partial file there until the next run) and names the file: Node's ENOSPC of a write names no path.
 */
async function stageJson(path: string, value: unknown): Promise<StagedFileMove> {
  const staged = `${path}.partial-${process.pid}`;
  try {
    await writeFile(staged, `${JSON.stringify(value, null, 2)}\n`);
  } catch (error) {
    await rm(staged, { force: true });
    const storage = storageErrorOf(error);
    throw storage && storage.path === undefined
      ? new StorageError(storage.reason, staged, { cause: error })
      : error;
  }
  return { staged, published: path };
}
