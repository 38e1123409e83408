import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ManifestArtifact } from './manifest-schema.js';
import type { RunResultsArtifact } from './run-results-schema.js';

export interface WrittenArtifacts {
  readonly runResults: string;
  readonly manifest?: string;
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

async function writeJson(path: string, value: unknown): Promise<string> {
  const partial = `${path}.partial-${process.pid}`;
  await writeFile(partial, `${JSON.stringify(value, null, 2)}\n`);
  await rename(partial, path);
  return path;
}
