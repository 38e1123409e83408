import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { PulseError } from '../errors.js';

/** One file of the data folder (or the config file) as a refresh saw it. */
export interface DataFile {
  /** Relative to the data folder, `/`-separated; the config file is `config:<absolute path>`. */
  readonly path: string;
  readonly size: number;
  readonly mtime: Date;
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

const SOURCE_EXTENSION = /\.(csv\.gz|csv|parquet|jsonl|ndjson)$/i;
const CONFIG_PREFIX = 'config:';

/**
 * Every file under the data folder, plus the config file: a changed config changes the metrics as surely
 * as changed data. Content is compared by sha256, so a file merely touched (new mtime) is no change.
 */
export async function scanDataFiles(dataDir: string, configFile: string | undefined): Promise<DataFile[]> {
  const files: DataFile[] = [];
  if (!existsSync(dataDir))
    throw new PulseError(
      `The data folder ${dataDir} does not exist: pass --data DIR (or PULSE_DATA_DIR) with the raw exports.`,
    );
  for (const path of await listFiles(dataDir)) {
    const rel = relative(dataDir, path).split(sep).join('/');
    files.push(await describe(path, rel, sourceOf(rel)));
  }
  if (configFile !== undefined) {
    try {
      files.push(await describe(configFile, `${CONFIG_PREFIX}${configFile}`, 'config'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
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
      .filter((file) => !now.has(file.path) && !file.path.startsWith(CONFIG_PREFIX))
      .map((file) => file.path),
  };
}

export function hasChanges(changes: DataChanges): boolean {
  return changes.added.length + changes.changed.length + changes.removed.length > 0;
}

/** `accounts.csv` → accounts, `events/2026/day.jsonl` → events. */
function sourceOf(relativePath: string): string {
  const [first = relativePath] = relativePath.split('/');
  return relativePath.includes('/') ? first : first.replace(SOURCE_EXTENSION, '');
}

async function describe(path: string, rel: string, source: string): Promise<DataFile> {
  const info = await stat(path);
  return { path: rel, size: info.size, mtime: info.mtime, sha256: await sha256Of(path), source };
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(path)));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}
