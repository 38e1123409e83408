import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { PulseError } from '../errors.js';
import { FILE_READS_IN_FLIGHT, mapConcurrentOrThrow, SYNC_READ_BYTES } from '../ingest/concurrent.js';
import { type DataFolder, extensionOf, listDataFolder } from '../ingest/data-folder.js';

/** One file of the data folder (or the config file) as a refresh saw it. */
export interface DataFile {
  /** Relative to the data folder, `/`-separated; the config file is `config:<absolute path>`. */
  readonly path: string;
  readonly size: number;
  readonly mtime: Date;
  /**
   * The mtime in nanoseconds (as the file system keeps it); undefined for manifests written before it was
   * recorded, whose files are then hashed again.
   */
  readonly mtimeNs?: bigint;
  readonly sha256: string;
  /** The source the file belongs to (`events` for `events/day.csv`), or `config`. */
  readonly source: string;
}

export interface DataChanges {
  readonly added: readonly string[];
  readonly changed: readonly string[];
  /** Data files (never the config) ingested before and gone now. */
  readonly removed: readonly string[];
}

const CONFIG_PREFIX = 'config:';

/**
 * The export files of the data folder as ingestion lists them (listDataFolder: symlinks followed, hidden
 * files and files without a source extension left out), plus the config file: a changed config changes
 * the metrics as surely as changed data. Content is compared by sha256, so a file merely touched (new
 * mtime) is no change. A file whose size and mtime (to the nanosecond) equal those recorded in `previous`
 * keeps its recorded sha256 without being read again: rewriting a file with other bytes of the same size
 * and then setting its mtime back is not seen (as with rsync); `pulse refresh --force` re-reads everything.
 */
export async function scanDataFiles(
  dataDir: string,
  configFile: string | undefined,
  previous: readonly DataFile[] = [],
): Promise<DataFile[]> {
  return (await scanDataFolder(dataDir, configFile, previous)).files;
}

/**
 * scanDataFiles, with the listing it was made from (the folder resolved): given to ingestion, which then
 * reads exactly the files recorded without listing the folder again.
 */
export async function scanDataFolder(
  dataDir: string,
  configFile: string | undefined,
  previous: readonly DataFile[] = [],
): Promise<{ files: DataFile[]; folder: DataFolder }> {
  const listed = await listDataFiles(dataDir, configFile);
  return { files: await hashListed(listed.files, previous, false), folder: listed.folder };
}

/**
 * scanDataFolder for a build, whose manifest is needed only once it is done: the files are listed and
 * their size and mtime taken now, before ingestion reads them, and they are hashed while the build runs
 * (L's 625 MB of exports took ~0.6 s before the first statement; meanwhile the main thread only waits
 * for DuckDB). A file whose size or mtime differs once it is hashed, or that can no longer be read,
 * changed while the build read it: it is recorded with no sha256 a file can have, so the next refresh
 * reads it again. `files` never rejects before it is awaited.
 */
export async function scanDataFolderDuringBuild(
  dataDir: string,
  configFile: string | undefined,
  previous: readonly DataFile[] = [],
): Promise<{ files: Promise<DataFile[]>; folder: DataFolder }> {
  const listed = await listDataFiles(dataDir, configFile);
  const files = hashListed(listed.files, previous, true);
  files.catch(() => undefined); // Awaited (and so reported) by the caller, after the build.
  return { files, folder: listed.folder };
}

/** Recorded instead of a sha256 for a file that changed while a build read it: it matches no file. */
const CHANGED_WHILE_READ = 'changed-while-read';

interface ListedFile {
  readonly absolute: string;
  readonly seen: {
    readonly path: string;
    readonly size: number;
    readonly mtime: Date;
    readonly mtimeNs: bigint;
  };
  readonly source: string;
}

async function listDataFiles(
  dataDir: string,
  configFile: string | undefined,
): Promise<{ files: ListedFile[]; folder: DataFolder }> {
  if (!existsSync(dataDir))
    throw new PulseError(
      `The data folder ${dataDir} does not exist: pass --data DIR (or PULSE_DATA_DIR) with the raw exports.`,
    );
  const folder = await listDataFolder(resolve(dataDir));
  const files: ListedFile[] = folder.files.map((file) => ({
    absolute: file.path,
    seen: { path: file.relativePath, size: file.size, mtime: file.mtime, mtimeNs: file.mtimeNs },
    source: sourceOf(file),
  }));
  if (configFile !== undefined) {
    try {
      const info = await stat(configFile, { bigint: true });
      files.push({
        absolute: configFile,
        seen: {
          path: `${CONFIG_PREFIX}${configFile}`,
          size: Number(info.size),
          mtime: new Date(Number(info.mtimeMs)),
          mtimeNs: info.mtimeNs,
        },
        source: 'config',
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return { files, folder };
}

/**
 * The listed files with their sha256, sorted by path. Hashed FILE_READS_IN_FLIGHT at a time: 10,000
 * small files read one after another took seconds. With `checkUnchanged`, each file is looked at again
 * once hashed (scanDataFolderDuringBuild).
 */
async function hashListed(
  listed: readonly ListedFile[],
  previous: readonly DataFile[],
  checkUnchanged: boolean,
): Promise<DataFile[]> {
  const recorded = new Map(previous.map((file) => [file.path, file]));
  const files = await mapConcurrentOrThrow(
    listed,
    FILE_READS_IN_FLIGHT,
    async ({ absolute, seen, source }) => {
      if (!checkUnchanged) return { ...seen, sha256: await sha256Reused(absolute, seen, recorded), source };
      let sha256: string;
      try {
        sha256 = await sha256Reused(absolute, seen, recorded);
        const now = await stat(absolute, { bigint: true });
        if (Number(now.size) !== seen.size || now.mtimeNs !== seen.mtimeNs) sha256 = CHANGED_WHILE_READ;
      } catch {
        sha256 = CHANGED_WHILE_READ;
      }
      return { ...seen, sha256, source };
    },
  );
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The recorded sha256 when size and mtime are those recorded (see scanDataFiles), else the file's. */
async function sha256Reused(
  path: string,
  seen: { path: string; size: number; mtimeNs: bigint },
  recorded: ReadonlyMap<string, DataFile>,
): Promise<string> {
  const before = recorded.get(seen.path);
  if (
    before?.mtimeNs !== undefined &&
    before.mtimeNs !== null &&
    before.size === seen.size &&
    BigInt(before.mtimeNs) === seen.mtimeNs
  )
    return before.sha256;
  return sha256Of(path, seen.size);
}

export function diffDataFiles(previous: readonly DataFile[], current: readonly DataFile[]): DataChanges {
  const before = new Map(previous.map((file) => [file.path, file]));
  const now = new Map(current.map((file) => [file.path, file]));
  return {
    added: current.filter((file) => !before.has(file.path)).map((file) => file.path),
    changed: current
      .filter((file) => before.has(file.path) && before.get(file.path)!.sha256 !== file.sha256)
      .map((file) => file.path),
    removed: previous
      .filter(
        (file) => !now.has(file.path) && !file.path.startsWith(CONFIG_PREFIX) && isExportPath(file.path),
      )
      .map((file) => file.path),
  };
}

export function hasChanges(changes: DataChanges): boolean {
  return changes.added.length + changes.changed.length + changes.removed.length > 0;
}

/**
 * A path scanDataFiles would record. Manifests written before hidden and extension-less files were left
 * out may hold `.DS_Store` or `README.txt`: their disappearance is no removed export.
 */
function isExportPath(path: string): boolean {
  return !path.split('/').some((part) => part.startsWith('.')) && extensionOf(path) !== undefined;
}

/** `accounts.csv` → accounts, `events/2026/day.jsonl` → events. */
function sourceOf(file: { topName: string; inFolder: boolean }): string {
  return file.inFolder ? file.topName : file.topName.replace(/\.(csv\.gz|csv|parquet|jsonl|ndjson)$/i, '');
}

async function sha256Of(path: string, size?: number): Promise<string> {
  if (size !== undefined && size <= SYNC_READ_BYTES)
    return createHash('sha256').update(readFileSync(path)).digest('hex');
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
