import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type NodeResultEntry, runResultsEntriesSchema } from '../artifacts/run-results-schema.js';

/**
 * The run_results.json entries of the models a run kept as they were (a refresh's up-to-date models, a
 * `--select` build's unselected ones), from the published
 * run_results.json: each as the run that built it wrote it, with that run's id (`kept_from_run`; an entry
 * already carried over keeps the id of the run that built the model). Without them a refresh listed only
 * the models it rebuilt, and the report site raised "cannot be confirmed" banners over every other mart.
 * A kept model with no readable earlier entry (the file removed or damaged, or written by an older Pulse
 * that listed only the models it rebuilt) is left out: nothing can say how it was built and tested.
 */
export async function keptModelEntries(
  targetDir: string,
  kept: readonly string[],
  /** Where this run's Parquet copy of an exported model is (relative to the workspace root, as written). */
  exportPathOf: (name: string) => string,
): Promise<NodeResultEntry[]> {
  if (kept.length === 0) return [];
  const parsed = await publishedEntries(targetDir);
  if (!parsed) return [];
  const runId = parsed.metadata.invocation_id;
  const byName = new Map(parsed.results.map((entry) => [entry.name, entry]));
  return kept.flatMap((name) => {
    const entry = byName.get(name);
    if (!entry) return [];
    // The Parquet copy is in this run's marts folder (a refresh given another --marts exports it there).
    const exportPath = entry.export_path === null ? null : exportPathOf(name);
    return [{ ...entry, export_path: exportPath, kept_from_run: entry.kept_from_run ?? runId }];
  });
}

/** The published run_results.json's entries, or undefined when it is missing or unreadable. */
async function publishedEntries(targetDir: string) {
  try {
    const parsed = runResultsEntriesSchema.safeParse(
      JSON.parse(await readFile(join(targetDir, 'run_results.json'), 'utf8')),
    );
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The models the published run_results.json has an entry for (none when it is missing or damaged). A
 * refresh rebuilds the others rather than keep them: their entry cannot be carried, and only a build
 * says how they built and tested (a deleted run_results.json, or one an older Pulse wrote that listed
 * only the models it rebuilt, kept the site's "cannot be confirmed" banners until `--force`).
 */
export async function modelsWithResults(targetDir: string): Promise<ReadonlySet<string>> {
  return new Set((await publishedEntries(targetDir))?.results.map((entry) => entry.name) ?? []);
}

/**
 * Whether the published run_results.json has an entry for every model the published manifest.json lists:
 * else an otherwise up-to-date refresh builds, to write them.
 */
export async function resultsListEveryModel(targetDir: string): Promise<boolean> {
  let models: string[];
  try {
    const manifest = JSON.parse(await readFile(join(targetDir, 'manifest.json'), 'utf8')) as {
      nodes?: Record<string, { name?: unknown }>;
    };
    models = Object.values(manifest.nodes ?? {}).flatMap((node) =>
      typeof node.name === 'string' ? [node.name] : [],
    );
  } catch {
    return false;
  }
  const recorded = await modelsWithResults(targetDir);
  return models.length > 0 && models.every((name) => recorded.has(name));
}
