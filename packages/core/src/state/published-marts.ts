import type { Dirent } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * One file of a marts folder as a publish left it (a mart, a file of `changes/` or `previous/`). A
 * published file is only ever replaced by a rename, never written in place, so the same size and mtime
 * mean it is intact: a refresh can tell without reading a byte of hundreds of MB of marts.
 */
export interface PublishedMartsFile {
  /** Relative to the marts folder, `/`-separated. */
  readonly path: string;
  readonly size: number;
  /** Nanoseconds, as text: a number would round them. */
  readonly mtime_ns: string;
}

/** A recorded file that is gone, or is not the file the publish wrote. */
export interface MartsFileDamage {
  readonly path: string;
  readonly problem: 'missing' | 'changed';
}

/** Every file of the marts folder (and of its subfolders), sorted; none when the folder does not exist. */
export async function martsFilesOf(martsDir: string): Promise<PublishedMartsFile[]> {
  const files: PublishedMartsFile[] = [];
  const walk = async (dir: string, prefix: string) => {
    for (const entry of await entriesOf(dir)) {
      const path = `${prefix}${entry.name}`;
      if (entry.isDirectory()) await walk(join(dir, entry.name), `${path}/`);
      else if (entry.isFile()) {
        const info = await stat(join(dir, entry.name), { bigint: true });
        files.push({ path, size: Number(info.size), mtime_ns: String(info.mtimeNs) });
      }
    }
  };
  await walk(martsDir, '');
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * The recorded files that are not as recorded now: a stat each, cheap whatever the marts weigh. A file
 * of the recorded size whose mtime moved is a copy (a backup restored, `cp -r` of the folder) unless its
 * bytes say otherwise: a Parquet file must still open and close with Parquet's magic bytes. Cutting a
 * file short changes its size; text written over a Parquet file of the same size loses the magic.
 */
export async function damagedMartsFiles(
  martsDir: string,
  recorded: readonly PublishedMartsFile[],
): Promise<MartsFileDamage[]> {
  const damage: MartsFileDamage[] = [];
  for (const file of recorded) {
    const path = join(martsDir, file.path);
    const info = await stat(path, { bigint: true }).catch((error) => {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
      throw error;
    });
    if (info === undefined) damage.push({ path: file.path, problem: 'missing' });
    else if (Number(info.size) !== file.size) damage.push({ path: file.path, problem: 'changed' });
    else if (String(info.mtimeNs) !== file.mtime_ns && !(await keepsParquetMagic(path, file.size)))
      damage.push({ path: file.path, problem: 'changed' });
  }
  return damage;
}

const PARQUET_MAGIC = 'PAR1';

/** Whether a file that is not Parquet, or a Parquet file that starts and ends with its magic bytes. */
async function keepsParquetMagic(path: string, size: number): Promise<boolean> {
  if (!path.endsWith('.parquet')) return true;
  if (size < 2 * PARQUET_MAGIC.length) return false;
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(PARQUET_MAGIC.length);
    const tail = Buffer.alloc(PARQUET_MAGIC.length);
    await handle.read(head, 0, head.length, 0);
    await handle.read(tail, 0, tail.length, size - tail.length);
    return head.toString('latin1') === PARQUET_MAGIC && tail.toString('latin1') === PARQUET_MAGIC;
  } finally {
    await handle.close();
  }
}

async function entriesOf(dir: string): Promise<Dirent[]> {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw error;
  }
}
