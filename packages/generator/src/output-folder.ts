import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

/** The contract's sources: what a generated folder holds. */
export const SOURCES = [
  'accounts',
  'subscriptions',
  'invoices',
  'events',
  'tickets',
  'survey_responses',
  'spend',
  'fx_rates',
] as const;

/**
 * Creates the folder and removes what an earlier run (or another export) left for the same sources: a stale
 * `events/part-0009.csv.gz` from a bigger run, or an `accounts.parquet` beside the new `accounts.csv`, would
 * otherwise be read as part of the data. Any other file is left alone.
 */
export async function prepareOutputFolder(outDir: string): Promise<void> {
  await mkdir(outDir, { recursive: true });
  for (const entry of await readdir(outDir)) {
    const source = SOURCES.find((name) => entry === name || entry.startsWith(`${name}.`));
    if (source) await rm(join(outDir, entry), { recursive: true, force: true });
  }
  await mkdir(join(outDir, 'events'));
}
