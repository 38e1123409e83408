import { existsSync } from 'node:fs';
import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import type { DataFile } from './data-files.js';
import type { PublishedMartsFile } from './published-marts.js';

/**
 * `<warehouse>.files.json`: a copy of the published warehouse's `pulse.ingested_files` and of its marts
 * folder as published (`pulse.published_marts`, or as a refresh last republished it), so that an
 * up-to-date refresh can answer without loading DuckDB, which was most of its time. The warehouse stays
 * the only source of truth: the copy names the warehouse file it was written for (inode, size and mtime
 * to the nanosecond) and is ignored for any other file, that is after a `pulse build`, a restore, or any
 * write to the warehouse (a write moves the mtime), and whenever a `.wal` beside the warehouse may hold
 * changes the file does not show yet.
 */
export function manifestCacheOf(warehouse: string): string {
  return `${warehouse}.files.json`;
}

export interface WarehouseIdentity {
  readonly ino: string;
  readonly size: string;
  readonly mtime_ns: string;
}

interface CachedManifest {
  readonly warehouse: WarehouseIdentity;
  readonly files: readonly {
    readonly path: string;
    readonly size: number;
    readonly mtime: string;
    readonly mtime_ns: string | null;
    readonly sha256: string;
    readonly source: string;
  }[];
  /** Absent in a cache written before marts were recorded, or for a warehouse that records none. */
  readonly marts?: readonly PublishedMartsFile[];
  readonly reading?: SourceReading;
}

/**
 * How the warehouse's sources were read (`pulse.source_fingerprints`), and the code files that said so:
 * while each of them has the size and mtime it had, the project and engine are those that computed the
 * fingerprints, so an up-to-date refresh need not load the project to compute them again.
 */
export interface SourceReading {
  readonly sources: Readonly<Record<string, string>>;
  /** Undefined when the code's files are not known (a project run from its sources): computed again. */
  readonly code?: readonly CodeFile[];
  /** The project module's file (RefreshOptions.projectEntry): unchanged code of another project vouches for nothing. */
  readonly project?: string;
}

export interface CodeFile {
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
}

/** What the cache holds for the warehouse file as it is now. */
export interface CachedState {
  readonly files: DataFile[];
  readonly marts: PublishedMartsFile[] | undefined;
  /** Undefined in a cache written before sources' reading was recorded. */
  readonly reading?: SourceReading;
}

/** The warehouse file's identity, or undefined when there is none. */
export async function warehouseIdentityOf(warehouse: string): Promise<WarehouseIdentity | undefined> {
  try {
    const info = await stat(warehouse, { bigint: true });
    return { ino: String(info.ino), size: String(info.size), mtime_ns: String(info.mtimeNs) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

const sameIdentity = (a: WarehouseIdentity, b: WarehouseIdentity) =>
  a.ino === b.ino && a.size === b.size && a.mtime_ns === b.mtime_ns;

/** The cached manifest of the warehouse file as it is now; undefined when there is none that fits it. */
export async function readManifestCache(warehouse: string): Promise<DataFile[] | undefined> {
  return (await readCachedState(warehouse))?.files;
}

/** The cached manifest and marts record of the warehouse file as it is now; undefined when none fits it. */
export async function readCachedState(warehouse: string): Promise<CachedState | undefined> {
  if (existsSync(`${warehouse}.wal`)) return undefined;
  const now = await warehouseIdentityOf(warehouse);
  if (now === undefined) return undefined;
  let cached: CachedManifest;
  try {
    cached = JSON.parse(await readFile(manifestCacheOf(warehouse), 'utf8')) as CachedManifest;
  } catch {
    // None, or torn or hand-edited: the warehouse itself answers.
    return undefined;
  }
  if (!cached?.warehouse || !Array.isArray(cached.files) || !sameIdentity(cached.warehouse, now))
    return undefined;
  const files = cached.files.map((file) => ({
    path: file.path,
    size: file.size,
    mtime: new Date(file.mtime),
    ...(file.mtime_ns === null ? {} : { mtimeNs: BigInt(file.mtime_ns) }),
    sha256: file.sha256,
    source: file.source,
  }));
  return {
    files,
    marts: Array.isArray(cached.marts) ? [...cached.marts] : undefined,
    ...(cached.reading?.sources && { reading: cached.reading }),
  };
}

/**
 * Records `files` as the manifest of the warehouse file (call holding the lock, the warehouse closed), and
 * `marts` as its marts folder, `reading` as how its sources were read. `readFrom`: the identity the file had when `files` were read from it;
 * nothing is recorded when the file is another one now. Written to a temporary file and renamed: never
 * seen half-written.
 */
export async function writeManifestCache(
  warehouse: string,
  files: readonly DataFile[],
  readFrom?: WarehouseIdentity,
  marts?: readonly PublishedMartsFile[],
  reading?: SourceReading,
): Promise<void> {
  const identity = await warehouseIdentityOf(warehouse);
  const target = manifestCacheOf(warehouse);
  if (identity === undefined || (readFrom !== undefined && !sameIdentity(identity, readFrom))) {
    await rm(target, { force: true });
    return;
  }
  const cached: CachedManifest = {
    warehouse: identity,
    files: files.map((file) => ({
      path: file.path,
      size: file.size,
      mtime: file.mtime.toISOString(),
      mtime_ns: file.mtimeNs === undefined || file.mtimeNs === null ? null : String(file.mtimeNs),
      sha256: file.sha256,
      source: file.source,
    })),
    ...(marts && { marts }),
    ...(reading && { reading }),
  };
  const partial = `${target}.${process.pid}.new`;
  await writeFile(partial, JSON.stringify(cached));
  await rename(partial, target);
}
