import { readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { closestMatch } from '../config/did-you-mean.js';
import {
  ACCEPTED_EXTENSIONS,
  type DataFolder,
  type DataFolderFile,
  type FileFormat,
  listDataFolder,
} from './data-folder.js';
import { IngestFileError } from './ingest-errors.js';
import type { SourcePath } from './source-path.js';

export { ACCEPTED_EXTENSIONS, type FileFormat };

export interface SourceFile {
  readonly path: string;
  /** Relative to the data folder, `/`-separated: what `_file` and `quarantine.file` hold. */
  readonly relativePath: string;
  readonly format: FileFormat;
  readonly gzip: boolean;
  /** Bytes on disk, when listed (decides which files are read together: csv-direct-load.ts). */
  readonly size?: number;
}

export interface FoundSource {
  readonly present: boolean;
  /** In file order: sorted by relative path, byte-wise, as DuckDB sorts `_file`. */
  readonly files: readonly SourceFile[];
  readonly warnings: readonly string[];
}

/** The paths a source may take, for error messages. */
export function expectedPathsOf(dataDir: string, source: string): string[] {
  return [`${join(dataDir, source)}{${ACCEPTED_EXTENSIONS.join(',')}}`, `${join(dataDir, source)}${sep}`];
}

/**
 * Finds a source in the data folder (listed by `listDataFolder`, once per ingestion when `folder` is
 * given): one file `<source>.<ext>` (extension case-insensitive) or a folder `<source>/` read recursively.
 * Two candidates are ambiguous and fail rather than guess which one is current.
 */
export async function findSourceFiles(
  dataDir: string,
  source: string,
  folder?: DataFolder,
  /** `sources.<source>.path` of pulse.config.json, which replaces the default places. */
  path?: SourcePath,
): Promise<FoundSource> {
  const listed = folder ?? (await listDataFolder(dataDir));
  if (path) return filesAt(listed, path);
  const topFiles = listed.files.filter((file) => !file.inFolder && isFileOf(file.topName, source));
  const isFolder = listed.folders.includes(source);
  const candidates = [...(isFolder ? [`${source}/`] : []), ...topFiles.map((file) => file.topName)];
  if (candidates.length === 0) return { present: false, files: [], warnings: [] };
  if (candidates.length > 1) {
    throw new IngestFileError(
      source,
      `found ${candidates.join(' and ')} for source "${source}"; ` +
        'keep only one of them in the data folder so it is clear which export is current.',
    );
  }
  if (!isFolder) return sourceOf(topFiles, []);
  const ignored = listed.ignored.filter((path) => path.startsWith(`${source}/`));
  return sourceOf(
    listed.files.filter((file) => file.inFolder && file.topName === source),
    ignored.map((path) => `ignored ${path}: not one of ${ACCEPTED_EXTENSIONS.join(', ')}`),
  );
}

/**
 * The files of a configured path, in file order: present when some file, or a top-level folder, is
 * there (an empty folder is an empty source, as for `<source>/`). Non-exports under it get a warning.
 */
function filesAt(listed: DataFolder, path: SourcePath): FoundSource {
  const files = listed.files.filter((file) => path.claims(file.relativePath));
  const isFolder = path.topName === path.shown && listed.folders.includes(path.shown);
  if (files.length === 0 && !isFolder) {
    checkNotANamedNonExport(listed, path);
    return { present: false, files: [], warnings: [] };
  }
  const ignored = listed.ignored.filter(
    (ignoredPath) => ignoredPath.includes('/') && path.claims(ignoredPath),
  );
  return sourceOf(
    files,
    ignored.map((ignoredPath) => `ignored ${ignoredPath}: not one of ${ACCEPTED_EXTENSIONS.join(', ')}`),
  );
}

/**
 * A configured path that names one file which is there but is not an export (`tickets.json`, a JSON
 * export that is not JSON Lines by name) is a file error: read as absent, the source went silently empty.
 */
export function checkNotANamedNonExport(listed: Pick<DataFolder, 'ignored'>, path: SourcePath): void {
  if (!listed.ignored.includes(path.shown)) return;
  throw new IngestFileError(
    path.shown,
    `the configured path names this file, but it is not an export Pulse reads (an export ends in ${ACCEPTED_EXTENSIONS.join(', ')}). ` +
      'Rename it (one JSON object per line ends in .jsonl) or point the path at the export.',
  );
}

/**
 * Warnings about the top level of the data folder, said once per ingestion: files that are not exports,
 * and exports or folders that match no source (`subscription.csv`, `Accounts.CSV`: names are
 * case-sensitive), with the source they probably meant. Entries a configured path claims are no
 * strangers.
 */
export function dataFolderWarnings(
  folder: DataFolder,
  sources: readonly string[],
  paths: readonly SourcePath[] = [],
): string[] {
  const claimed = (file: DataFolderFile) => paths.some((path) => path.claims(file.relativePath));
  const claimedFolder = (name: string) =>
    paths.some((path) => path.topName === name) ||
    folder.files.some((file) => file.inFolder && file.topName === name && claimed(file));
  const warnings: string[] = [];
  const notExports = folder.ignored.filter((path) => !path.includes('/'));
  if (notExports.length > 0) {
    warnings.push(
      `ignored ${notExports.join(', ')}: not ${notExports.length === 1 ? 'an export' : 'exports'} ` +
        `(an export ends in ${ACCEPTED_EXTENSIONS.join(', ')})`,
    );
  }
  const unmatched = [
    ...folder.files
      .filter(
        (file) =>
          !file.inFolder && !claimed(file) && !sources.some((source) => isFileOf(file.topName, source)),
      )
      .map((file) => ({ shown: file.topName, stem: stemOf(file.topName) })),
    ...folder.folders
      .filter((name) => !sources.includes(name) && !claimedFolder(name))
      .map((name) => ({ shown: `${name}/`, stem: name })),
  ];
  for (const { shown, stem } of unmatched) {
    const near = closestMatch(stem, sources);
    warnings.push(
      `ignored ${shown}: it matches no source` +
        (near
          ? `; did you mean ${near}? (names are case-sensitive)`
          : ` (the sources are ${sources.join(', ')})`),
    );
  }
  return warnings;
}

/** The files of a source as read: 0-byte files and second paths of one file (symlinks) skipped with a warning. */
export function sourceOf(files: readonly DataFolderFile[], warnings: readonly string[]): FoundSource {
  const read: SourceFile[] = [];
  const all = [...warnings];
  const seen = new Map<string, string>();
  for (const file of files) {
    const first = seen.get(file.realPath);
    if (first !== undefined) {
      // Reached twice through symlinks: its rows would be counted twice.
      all.push(`skipped ${file.relativePath}: the same file as ${first} (through a symbolic link)`);
    } else if (file.size === 0) {
      all.push(`skipped ${file.relativePath}: the file is empty (0 bytes)`);
    } else if (file.gzip && holdsNoBytes(file.path, file.size)) {
      all.push(`skipped ${file.relativePath}: the file is empty (0 bytes once decompressed)`);
    } else if (file.format === 'jsonl' && holdsOnlyBlankLines(file.path, file.size, file.gzip)) {
      all.push(`skipped ${file.relativePath}: the file holds only blank lines`);
    } else {
      seen.set(file.realPath, file.relativePath);
      read.push({
        path: file.path,
        relativePath: file.relativePath,
        format: file.format,
        gzip: file.gzip,
        size: file.size,
      });
    }
  }
  return { present: true, files: read, warnings: all.sort(byEmptyFirst) };
}

/**
 * A gzip stream of nothing (an export compressed on a night with no rows) is ~20 bytes, not 0: read as a
 * CSV it would be a file without a header, failing the build for what the contract skips as a 0-byte file.
 * Only small files are opened; one that is not gzip at all is left to its reader, which names the fault.
 */
function holdsNoBytes(path: string, size: number | undefined): boolean {
  if (size === undefined || size > EMPTY_GZIP_MAX_BYTES) return false;
  try {
    return gunzipSync(readFileSync(path)).length === 0;
  } catch {
    return false;
  }
}

/**
 * A JSON Lines file of blank lines only has no row and, unlike a CSV, no header to say what it is: it is
 * as empty as a 0-byte file, which the contract skips, where it failed the build for missing columns.
 * Only small files are opened.
 */
function holdsOnlyBlankLines(path: string, size: number | undefined, gzip: boolean): boolean {
  if (size === undefined || size > EMPTY_GZIP_MAX_BYTES) return false;
  try {
    const bytes = readFileSync(path);
    return (gzip ? gunzipSync(bytes) : bytes).toString('utf8').trim() === '';
  } catch {
    return false;
  }
}

/** Larger than any gzip of nothing: the header, a stored file name, the empty block and the trailer. */
const EMPTY_GZIP_MAX_BYTES = 1024;

/** Keeps the historical order: skipped (empty, duplicate) files first, then ignored ones. */
function byEmptyFirst(a: string, b: string): number {
  return Number(a.startsWith('ignored')) - Number(b.startsWith('ignored'));
}

/** `<source><ext>`: the source name exactly, the extension in any case. */
function isFileOf(fileName: string, source: string): boolean {
  return (
    fileName.startsWith(source) && ACCEPTED_EXTENSIONS.includes(fileName.slice(source.length).toLowerCase())
  );
}

export function stemOf(fileName: string): string {
  const lower = fileName.toLowerCase();
  const suffix = ACCEPTED_EXTENSIONS.find((candidate) => lower.endsWith(candidate));
  return suffix ? fileName.slice(0, -suffix.length) : fileName;
}
