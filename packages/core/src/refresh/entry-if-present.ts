import type { Stats } from 'node:fs';
import { lstat, stat } from 'node:fs/promises';

/**
 * What is at a path a run will publish to, or undefined when nothing is there yet (which every publish
 * target allows). `link: true` describes a symbolic link itself instead of what it points to.
 */
export async function entryIfPresent(path: string, { link = false } = {}): Promise<Stats | undefined> {
  try {
    return await (link ? lstat(path) : stat(path));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
