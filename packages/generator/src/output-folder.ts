import { existsSync } from 'node:fs';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '@pulse/core';

/**
 * Written into every folder the generator fills (hidden: ingestion skips it): the sources' files there are
 * the generator's own, which the next run may replace.
 */
export const GENERATED_MARKER = '.pulse-generated';

/** The output folder holds exports the generator did not write. */
export class ForeignOutputFolderError extends UsageError {
  override readonly name = 'ForeignOutputFolderError';
}

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
  const sourceEntries = (await readdir(outDir)).filter((entry) =>
    SOURCES.some((name) => entry === name || entry.startsWith(`${name}.`)),
  );
  // A folder of real exports (`--out` pointed at them by mistake) would lose them without a word.
  if (sourceEntries.length > 0 && !existsSync(join(outDir, GENERATED_MARKER))) {
    throw new ForeignOutputFolderError(
      `${outDir} holds exports the generator did not write (${sourceEntries.slice(0, 5).join(', ')}${sourceEntries.length > 5 ? ', …' : ''}), ` +
        'which it would replace: point --out at a new or empty folder.',
    );
  }
  for (const entry of sourceEntries) await rm(join(outDir, entry), { recursive: true, force: true });
  await writeFile(
    join(outDir, GENERATED_MARKER),
    'Written by pulse generate: its exports here may be replaced.\n',
  );
  await mkdir(join(outDir, 'events'));
}
