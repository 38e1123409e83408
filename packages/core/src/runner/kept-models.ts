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
): Promise<NodeResultEntry[]> {
  if (kept.length === 0) return [];
  let published: unknown;
  try {
    published = JSON.parse(await readFile(join(targetDir, 'run_results.json'), 'utf8'));
  } catch {
    return [];
  }
  const parsed = runResultsEntriesSchema.safeParse(published);
  if (!parsed.success) return [];
  const runId = parsed.data.metadata.invocation_id;
  const byName = new Map(parsed.data.results.map((entry) => [entry.name, entry]));
  return kept.flatMap((name) => {
    const entry = byName.get(name);
    return entry ? [{ ...entry, kept_from_run: entry.kept_from_run ?? runId }] : [];
  });
}
