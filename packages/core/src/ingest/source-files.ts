import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { IngestFileError } from './ingest-errors.js';

export type FileFormat = 'csv' | 'parquet' | 'jsonl';

export interface SourceFile {
  readonly path: string;
  /** Relative to the data folder, `/`-separated: what `_file` and `quarantine.file` hold. */
  readonly relativePath: string;
  readonly format: FileFormat;
  readonly gzip: boolean;
}

export interface FoundSource {
  readonly present: boolean;
  /** In file order: sorted by relative path, byte-wise, as DuckDB sorts `_file`. */
  readonly files: readonly SourceFile[];
  readonly warnings: readonly string[];
}

const EXTENSIONS: readonly { suffix: string; format: FileFormat; gzip: boolean }[] = [
  { suffix: '.csv.gz', format: 'csv', gzip: true },
  { suffix: '.csv', format: 'csv', gzip: false },
  { suffix: '.parquet', format: 'parquet', gzip: false },
  { suffix: '.jsonl', format: 'jsonl', gzip: false },
  { suffix: '.ndjson', format: 'jsonl', gzip: false },
];

export const ACCEPTED_EXTENSIONS = EXTENSIONS.map((extension) => extension.suffix);

/** The paths a source may take, for error messages. */
export function expectedPathsOf(dataDir: string, source: string): string[] {
  return [`${join(dataDir, source)}{${ACCEPTED_EXTENSIONS.join(',')}}`, `${join(dataDir, source)}${sep}`];
}

/**
 * Finds a source in the data folder: one file `<source>.<ext>` (extension case-insensitive) or a folder
 * `<source>/` read recursively. Two candidates are ambiguous and fail rather than guess which one is current.
 */
export async function findSourceFiles(dataDir: string, source: string): Promise<FoundSource> {
  const entries = (await listFolder(dataDir, dataDir)).sort((a, b) => a.name.localeCompare(b.name));
  const candidates: { entry: Dirent; isFolder: boolean }[] = [];
  for (const entry of entries) {
    const isFolder = await isDirectory(join(dataDir, entry.name));
    if (isFolder ? entry.name === source : extensionOf(entry.name, source)) {
      candidates.push({ entry, isFolder });
    }
  }
  if (candidates.length === 0) return { present: false, files: [], warnings: [] };
  if (candidates.length > 1) {
    throw new IngestFileError(
      source,
      `found ${candidates.map((c) => c.entry.name + (c.isFolder ? '/' : '')).join(' and ')} for source "${source}"; ` +
        'keep only one of them in the data folder so it is clear which export is current.',
    );
  }
  const { entry, isFolder } = candidates[0]!;
  const path = join(dataDir, entry.name);
  if (!isFolder) {
    const extension = extensionOf(entry.name, source)!;
    const file = { path, relativePath: toRelative(dataDir, path), ...extension };
    const warnings = (await isEmptyFile(path))
      ? [`skipped ${file.relativePath}: the file is empty (0 bytes)`]
      : [];
    return { present: true, files: warnings.length ? [] : [file], warnings };
  }
  return readSourceFolder(dataDir, path);
}

async function readSourceFolder(dataDir: string, folder: string): Promise<FoundSource> {
  const files: SourceFile[] = [];
  const warnings: string[] = [];
  for (const path of await listFilesRecursively(folder)) {
    const relativePath = toRelative(dataDir, path);
    const name = path.slice(path.lastIndexOf(sep) + 1);
    const extension = EXTENSIONS.find((candidate) => name.toLowerCase().endsWith(candidate.suffix));
    if (!extension) {
      warnings.push(`ignored ${relativePath}: not one of ${ACCEPTED_EXTENSIONS.join(', ')}`);
    } else if (await isEmptyFile(path)) {
      warnings.push(`skipped ${relativePath}: the file is empty (0 bytes)`);
    } else {
      files.push({ path, relativePath, format: extension.format, gzip: extension.gzip });
    }
  }
  files.sort((a, b) => Buffer.compare(Buffer.from(a.relativePath), Buffer.from(b.relativePath)));
  return { present: true, files, warnings };
}

async function listFilesRecursively(folder: string): Promise<string[]> {
  const paths: string[] = [];
  for (const entry of await listFolder(folder, folder)) {
    // Hidden files (.DS_Store, editor swap files) are never exports.
    if (entry.name.startsWith('.')) continue;
    const path = join(folder, entry.name);
    if (await isDirectory(path)) paths.push(...(await listFilesRecursively(path)));
    else paths.push(path);
  }
  return paths;
}

function extensionOf(
  fileName: string,
  source: string,
): Omit<SourceFile, 'path' | 'relativePath'> | undefined {
  const extension = EXTENSIONS.find(
    (candidate) =>
      fileName.length === source.length + candidate.suffix.length &&
      fileName.startsWith(source) &&
      fileName.slice(source.length).toLowerCase() === candidate.suffix,
  );
  return extension && { format: extension.format, gzip: extension.gzip };
}

async function listFolder(folder: string, shownAs: string): Promise<Dirent[]> {
  try {
    return await readdir(folder, { withFileTypes: true });
  } catch (error) {
    throw new IngestFileError(
      shownAs,
      `cannot list the folder (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); ` +
        'check that --data (or PULSE_DATA_DIR) points at an existing, readable folder.',
    );
  }
}

async function isDirectory(path: string): Promise<boolean> {
  // stat (not the Dirent) so a symlinked export folder counts as a folder.
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}

async function isEmptyFile(path: string): Promise<boolean> {
  return (await stat(path)).size === 0;
}

function toRelative(dataDir: string, path: string): string {
  return relative(dataDir, path).split(sep).join('/');
}
