import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { importedProjectFiles } from '../project/module-import.js';
import type { CodeFile } from '../state/manifest-cache.js';

/**
 * The files of the code running now that decide how sources are read: this engine's file (in the bundle,
 * rewritten whole by every build of it) and the project's modules and mapping files. Undefined when the
 * project's files are not known (imported from its sources): then nothing vouches for the code.
 */
export function runningCodeFiles(): CodeFile[] | undefined {
  const project = importedProjectFiles();
  if (project === undefined) return undefined;
  try {
    return [fileURLToPath(import.meta.url), ...project].map((path) => {
      const stats = statSync(path);
      return { path, size: stats.size, mtimeMs: stats.mtimeMs };
    });
  } catch {
    return undefined;
  }
}

/** True when every file has the size and mtime recorded: the code is the one that recorded them. */
export function codeFilesUnchanged(files: readonly CodeFile[] | undefined): boolean {
  if (files === undefined || files.length === 0) return false;
  if (files[0]!.path !== fileURLToPath(import.meta.url)) return false;
  return files.every((file) => {
    try {
      const stats = statSync(file.path);
      return stats.size === file.size && stats.mtimeMs === file.mtimeMs;
    } catch {
      return false;
    }
  });
}
