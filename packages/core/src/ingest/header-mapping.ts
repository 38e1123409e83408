import { IngestFileError } from './ingest-errors.js';
import type { SourceDefinition } from './source-definition.js';

/** How the columns of one file feed the source's columns. */
export interface HeaderMapping {
  /** Per file column, in file order: the source column it feeds, or undefined when it is unknown. */
  readonly targets: readonly (string | undefined)[];
  /** Unknown columns as shown to the user (trimmed name, or `(unnamed column N)`). */
  readonly unknown: readonly string[];
}

/**
 * Matches file column names to source columns case-insensitively after trimming; column order is free.
 * A required column that is absent, or a column given twice, is a file error: no row of the file could
 * be read correctly. `spellingsMayVary` (JSON Lines, whose keys are per line) lets several spellings of
 * one column coexist in a file.
 */
export function mapHeader(
  relativePath: string,
  names: readonly string[],
  source: SourceDefinition,
  options: { spellingsMayVary?: boolean } = {},
): HeaderMapping {
  const declared = new Set(source.columns.map((column) => column.name));
  const seen = new Map<string, string>();
  const unknown: string[] = [];
  const targets = names.map((name, index) => {
    const key = name.trim().toLowerCase();
    if (!declared.has(key)) {
      unknown.push(key ? name.trim() : `(unnamed column ${index + 1})`);
      return undefined;
    }
    const earlier = seen.get(key);
    if (earlier !== undefined && !options.spellingsMayVary) {
      throw new IngestFileError(
        relativePath,
        `the columns "${earlier}" and "${name}" both match ${source.name}.${key}; keep only one of them.`,
      );
    }
    if (earlier === undefined) seen.set(key, name);
    return key;
  });
  const missing = source.columns.filter((column) => column.required && !seen.has(column.name));
  if (missing.length > 0) {
    const found = names.length ? names.map((name) => `"${name}"`).join(', ') : 'none';
    const hint =
      names.length === 1 && /[;\t|]/.test(names[0] ?? '')
        ? ' The header looks like it uses another delimiter: export the file comma-separated.'
        : '';
    throw new IngestFileError(
      relativePath,
      `missing required column${missing.length > 1 ? 's' : ''} ${missing.map((column) => column.name).join(', ')} ` +
        `for source "${source.name}" (found ${found}). Names are matched case-insensitively after trimming; ` +
        `rename the columns or check that this file belongs to "${source.name}".${hint}`,
    );
  }
  return { targets, unknown };
}
