import { type DataFile, diffDataFiles } from '../state/data-files.js';

/** A data file this run read for the first time, read again changed, or no longer found. */
export interface FileChange {
  readonly path: string;
  readonly source: string;
  readonly change: 'added' | 'changed' | 'removed';
}

/**
 * The file changes of a run, with their sources, from the manifest before and after it. The config file
 * counts too (source `config`): a changed config restates history as surely as a changed export.
 */
export function fileChangesOf(before: readonly DataFile[], after: readonly DataFile[]): FileChange[] {
  const changes = diffDataFiles(before, after);
  const sourceOf = new Map([...before, ...after].map((file) => [file.path, file.source]));
  const entries = (paths: readonly string[], change: FileChange['change']) =>
    paths.map((path) => ({ path: displayPath(path), source: sourceOf.get(path) ?? 'unknown', change }));
  return [
    ...entries(changes.added, 'added'),
    ...entries(changes.changed, 'changed'),
    ...entries(changes.removed, 'removed'),
  ].sort((a, b) => a.path.localeCompare(b.path));
}

/** The config file is recorded as `config:<absolute path>`: its name says enough and hides the machine's paths. */
function displayPath(path: string): string {
  return path.startsWith('config:') ? `config:${path.split(/[\\/]/).at(-1)}` : path;
}
