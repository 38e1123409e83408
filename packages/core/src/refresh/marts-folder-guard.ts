import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { UsageError } from '../config/usage-error.js';
import { changesDirOf, previousDirOf } from '../history/changes-folder.js';
import { entryIfPresent } from './entry-if-present.js';

/**
 * The marts folder (`--marts`, PULSE_MARTS_DIR) is a file, or holds something Pulse did not write there.
 * Publishing replaces the whole folder, so that something would be deleted.
 */
export class ForeignMartsFolderError extends UsageError {
  override readonly name = 'ForeignMartsFolderError';
}

/** The artifacts folder (`--artifacts`, PULSE_ARTIFACTS_DIR) is a file. */
export class ArtifactsFolderIsAFileError extends UsageError {
  override readonly name = 'ArtifactsFolderIsAFileError';
}

/** Finder's folder settings: written by a Mac into any folder it shows, never anything of the user's. */
const FINDER_FILE = '.DS_Store';
/** How many foreign entries the error names. */
const NAMED = 5;

/**
 * Refuses, before any work, to publish into a marts folder that holds anything Pulse does not write there:
 * its `<model>.parquet` files, `changes/` and `previous/` of Parquet files (history/changes-folder.ts).
 * Publishing swaps the whole folder for the staged one (staged-publish.ts), so anything else in it (a
 * `--marts` pointed at a folder of the user's by mistake) would be deleted without a word. A path that
 * does not exist yet is fine: the publish creates it.
 */
export async function checkMartsFolder(martsDir: string): Promise<void> {
  const found = await entryIfPresent(martsDir);
  if (found === undefined) return;
  if (!found.isDirectory()) {
    throw new ForeignMartsFolderError(
      `The marts folder ${martsDir} is a file, not a folder. Publishing would replace it with a folder of ` +
        'Parquet marts: point --marts (or PULSE_MARTS_DIR) at a new or empty folder.',
    );
  }
  const foreign = await foreignEntries(martsDir);
  if (foreign.length === 0) return;
  const named = foreign.slice(0, NAMED).join(', ');
  const more = foreign.length > NAMED ? ` and ${foreign.length - NAMED} more` : '';
  throw new ForeignMartsFolderError(
    `The marts folder ${martsDir} holds what Pulse did not write there: ${named}${more}. Publishing ` +
      'replaces the whole folder, which would delete them, so nothing was built. Point --marts (or ' +
      'PULSE_MARTS_DIR) at a new or empty folder, or move those files out.',
  );
}

/** Entries of the marts folder (relative, `/`-separated) that Pulse does not write. */
async function foreignEntries(martsDir: string): Promise<string[]> {
  const history = new Set([basename(changesDirOf(martsDir)), basename(previousDirOf(martsDir))]);
  const foreign: string[] = [];
  for (const entry of await sortedEntries(martsDir)) {
    if (isParquetFile(entry) || entry.name === FINDER_FILE) continue;
    if (entry.isDirectory() && history.has(entry.name)) {
      for (const inner of await sortedEntries(join(martsDir, entry.name))) {
        if (!isParquetFile(inner) && inner.name !== FINDER_FILE) foreign.push(`${entry.name}/${inner.name}`);
      }
      continue;
    }
    foreign.push(entry.isDirectory() ? `${entry.name}/` : entry.name);
  }
  return foreign;
}

function isParquetFile(entry: Dirent): boolean {
  return entry.isFile() && entry.name.endsWith('.parquet');
}

async function sortedEntries(dir: string): Promise<Dirent[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Refuses, before any work, an artifacts folder (`--artifacts`, PULSE_ARTIFACTS_DIR) that is a file: the run
 * would fail to write run_results.json only after the warehouse and marts were published.
 */
export async function checkArtifactsFolder(artifactsDir: string): Promise<void> {
  const found = await entryIfPresent(artifactsDir);
  if (found !== undefined && !found.isDirectory()) {
    throw new ArtifactsFolderIsAFileError(
      `The artifacts folder ${artifactsDir} is a file, not a folder. Point --artifacts (or PULSE_ARTIFACTS_DIR) ` +
        'at a new or existing folder: run_results.json and manifest.json are written there.',
    );
  }
}
