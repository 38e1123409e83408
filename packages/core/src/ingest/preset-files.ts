import type { DataFolder, DataFolderFile } from './data-folder.js';
import { IngestFileError } from './ingest-errors.js';
import type { PresetDefinition, VendorTable } from './preset-definition.js';
import {
  ACCEPTED_EXTENSIONS,
  checkNotANamedNonExport,
  type SourceFile,
  sourceOf,
  stemOf,
} from './source-files.js';
import { type SourcePath, sourcePathOf } from './source-path.js';

/** The vendor files of one preset, found in the data folder as listed once for the whole ingestion. */
export interface PresetFiles {
  readonly path: SourcePath;
  /** True when the preset's folder (or some file under its path) exists. */
  readonly present: boolean;
  /** Per vendor table that has files, its files in file order (an absent table has no entry). */
  readonly tables: ReadonlyMap<string, readonly SourceFile[]>;
  /** Where each table was looked for, for messages: `stripe/customer.csv`, … */
  readonly expected: (table: VendorTable) => string[];
  /** The table a relative path belongs to (for refresh baselines), undefined for other files. */
  readonly tableOf: (relativePath: string) => string | undefined;
  readonly warnings: readonly string[];
}

/**
 * Finds the preset's vendor tables under its path: each table is one file `<name>.<ext>` or one folder
 * `<name>/` (read recursively, like a source folder), tried under its name and then its aliases (the first
 * spelling present wins; the others are ignored with a warning). Files under the path that belong to no
 * table are ignored with one warning: the syncs write many tables a preset does not need.
 */
export function findPresetFiles(folder: DataFolder, preset: PresetDefinition, config: unknown): PresetFiles {
  const path = sourcePathOf(preset.path(config));
  const prefix = literalFolderOf(path.shown);
  const under = folder.files.filter((file) => path.claims(file.relativePath));
  const present = under.length > 0 || folder.folders.includes(path.shown) || prefix === '';
  if (!present) checkNotANamedNonExport(folder, path);
  const entryOf = (file: Pick<DataFolderFile, 'relativePath'>) => {
    const rest = prefix ? file.relativePath.slice(prefix.length + 1) : file.relativePath;
    const [first = '', ...more] = rest.split('/');
    return more.length ? { name: first, inFolder: true } : { name: stemOf(first), inFolder: false };
  };
  const tables = new Map<string, readonly SourceFile[]>();
  const warnings: string[] = [];
  // Files read as a table, or already warned about as a table's second spelling: no stranger either way.
  const accounted = new Set<string>();
  for (const table of preset.tables) {
    const names = [table.name, ...(table.aliases ?? [])];
    const byName = names.map((name) => under.filter((file) => entryOf(file).name === name));
    const chosen = byName.findIndex((files) => files.length > 0);
    if (chosen === -1) continue;
    const files = byName[chosen]!;
    const kinds = new Set(files.map((file) => (entryOf(file).inFolder ? 'folder' : file.topName)));
    const shown = (name: string) => `${prefix ? `${prefix}/` : ''}${name}`;
    if (kinds.size > 1 || (files.length > 1 && files.some((file) => !entryOf(file).inFolder))) {
      const candidates = [
        ...new Set(
          files.map((file) =>
            entryOf(file).inFolder
              ? `${shown(names[chosen]!)}/`
              : file.relativePath.slice(file.relativePath.lastIndexOf('/') + 1),
          ),
        ),
      ];
      throw new IngestFileError(
        shown(names[chosen]!),
        `found ${candidates.join(' and ')} for the ${preset.name} table "${table.name}"; keep only one of them ` +
          'so it is clear which export is current.',
      );
    }
    for (const [index, other] of byName.entries()) {
      if (index === chosen || other.length === 0) continue;
      warnings.push(
        `ignored ${other.map((file) => file.relativePath).join(', ')}: the ${preset.name} table ` +
          `"${table.name}" is read from ${shown(names[chosen]!)}`,
      );
      for (const file of other) accounted.add(file.relativePath);
    }
    const found = sourceOf(files, []);
    warnings.push(...found.warnings);
    tables.set(table.name, found.files);
    for (const file of files) accounted.add(file.relativePath);
  }
  const strangers = under
    .filter((file) => !accounted.has(file.relativePath))
    .map((file) => file.relativePath);
  if (strangers.length > 0) {
    warnings.push(
      `ignored ${listed(strangers)}: not a table the ${preset.name} preset reads ` +
        `(it reads ${preset.tables.map((table) => table.name).join(', ')})`,
    );
  }
  const ignored = folder.ignored.filter((relative) => path.claims(relative));
  if (ignored.length > 0)
    warnings.push(`ignored ${listed(ignored)}: not one of ${ACCEPTED_EXTENSIONS.join(', ')}`);
  if (!present) {
    // Said, not silent: a typo in the path read the preset's optional sources as empty without a word.
    warnings.push(
      `${path.shown} (the ${preset.name} preset's path) matches no file; ` +
        'the sources it feeds are read as absent',
    );
  }
  const base = prefix ? `${prefix}/` : '';
  return {
    path,
    present,
    tables,
    expected: (table) => [`${base}${table.name}{${ACCEPTED_EXTENSIONS.join(',')}}`, `${base}${table.name}/`],
    // By name, so a file gone since the last build is still known as its table's.
    tableOf: (relativePath) => {
      if (!path.claims(relativePath)) return undefined;
      const name = entryOf({ relativePath }).name;
      return preset.tables.find((table) => [table.name, ...(table.aliases ?? [])].includes(name))?.name;
    },
    warnings,
  };
}

/** The folder a preset path names literally: `stripe` for `stripe/` or `stripe/*`, '' for a top-level glob. */
function literalFolderOf(shown: string): string {
  const glob = shown.search(/[*?[]/);
  if (glob === -1) return shown;
  const slash = shown.lastIndexOf('/', glob);
  return slash === -1 ? '' : shown.slice(0, slash);
}

/** At most ten paths, then how many more. */
function listed(paths: readonly string[]): string {
  const shown = paths.slice(0, 10).join(', ');
  return paths.length > 10 ? `${shown} and ${paths.length - 10} more` : shown;
}
