import { IngestFileError } from './ingest-errors.js';
import type { SourceColumn, SourceDefinition } from './source-definition.js';

/** How the columns of one file feed the source's columns. */
export interface HeaderMapping {
  /** Per file column, in file order: the source column it feeds, or undefined when it is unknown. */
  readonly targets: readonly (string | undefined)[];
  /** Unknown columns as shown to the user (trimmed name, or `(unnamed column N)`). */
  readonly unknown: readonly string[];
}

/**
 * Matches file column names to source columns case-insensitively after trimming; column order is free.
 * A column is looked up under its own name, or under the vendor's name when pulse.config.json maps it
 * (`sources.<source>.columns`, see source-mapping.ts). A required column that is absent, a mapped vendor
 * column that is absent, or a column given twice, is a file error: no row of the file could be read
 * correctly. `spellingsMayVary` (JSON Lines, whose keys are per line) lets several spellings of one
 * column coexist in a file, and only a required column absent from every record is an error.
 */
export function mapHeader(
  relativePath: string,
  names: readonly string[],
  source: SourceDefinition,
  options: { spellingsMayVary?: boolean } = {},
): HeaderMapping {
  const byHeader = new Map(source.columns.map((column) => [headerKeyOf(column), column]));
  const seen = new Map<string, string>();
  const unknown: string[] = [];
  const targets = names.map((name, index) => {
    const column = byHeader.get(name.trim().toLowerCase());
    if (column === undefined) {
      unknown.push(name.trim() ? name.trim() : `(unnamed column ${index + 1})`);
      return undefined;
    }
    const earlier = seen.get(column.name);
    if (earlier !== undefined && !options.spellingsMayVary) {
      throw new IngestFileError(
        relativePath,
        `the columns "${earlier}" and "${name}" both match ${source.name}.${column.name}; keep only one of them.`,
      );
    }
    if (earlier === undefined) seen.set(column.name, name);
    return column.name;
  });
  const found = names.length ? names.map((name) => `"${name}"`).join(', ') : 'none';
  const mappedMissing = options.spellingsMayVary
    ? []
    : source.columns.filter((column) => column.mapped && !seen.has(column.name));
  if (mappedMissing.length > 0) {
    const listed = mappedMissing.map(
      (column) =>
        `"${column.mapped!.header}" (${column.mapped!.key ?? `sources.${source.name}.columns.${column.name}`})`,
    );
    throw new IngestFileError(
      relativePath,
      `pulse.config.json maps ${listed.join(', ')}, but the file has no such column (found ${found}). ` +
        'Names are matched case-insensitively after trimming; fix the mapping or check that this file ' +
        `belongs to "${source.name}".`,
    );
  }
  const missing = source.columns.filter((column) => column.required && !seen.has(column.name));
  if (missing.length > 0) {
    const hint =
      names.length === 1 && /[;\t|]/.test(names[0] ?? '')
        ? ' The header looks like it uses another delimiter: export the file comma-separated.'
        : '';
    throw new IngestFileError(
      relativePath,
      `missing required column${missing.length > 1 ? 's' : ''} ${missing.map((column) => column.mapped?.header ?? column.name).join(', ')} ` +
        `for source "${source.name}" (found ${found}). Names are matched case-insensitively after trimming; ` +
        `rename the columns or check that this file belongs to "${source.name}".${hint}`,
    );
  }
  const absentGroups = (source.headerRequires ?? []).filter((group) => !group.some((name) => seen.has(name)));
  if (absentGroups.length > 0) {
    const columns = absentGroups.map(([first, ...others]) =>
      others.length ? `${first} (or ${others.join(' or ')})` : first,
    );
    throw new IngestFileError(
      relativePath,
      `missing column${absentGroups.length > 1 ? 's' : ''} ${columns.join(', ')} of the ${source.description} ` +
        `(found ${found}); its rows cannot be read without ${absentGroups.length > 1 ? 'them' : 'it'}. Names are ` +
        'matched case-insensitively after trimming; export the table again with every column, or check that ' +
        'this file is that table.',
    );
  }
  return { targets, unknown };
}

/** The header a column is read from, lower-cased and trimmed: its vendor name when mapped, else its own. */
function headerKeyOf(column: SourceColumn): string {
  return (column.mapped?.header ?? column.name).trim().toLowerCase();
}
