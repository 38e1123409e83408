/** `"name"` with embedded quotes doubled: safe for any column, table or header name. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** `'text'` with embedded quotes doubled: a SQL string literal for any text (file paths, header names). */
export function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/**
 * A file's path as the literal a DuckDB reader (`read_csv`, `read_parquet`, …) takes. The readers expand
 * `*`, `?` and `[…]` as glob patterns, so a file named `t[12].csv` would read `t1.csv` instead, or nothing;
 * each of those characters in brackets matches only itself.
 */
export function readerPath(path: string): string {
  return sqlString(path.replace(/[[*?]/g, (character) => `[${character}]`));
}

/** A SQL literal for a default or config value. */
export function sqlLiteral(value: string | number | boolean | null): string {
  if (value === null) return 'NULL';
  if (typeof value === 'string') return sqlString(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (!Number.isFinite(value)) throw new RangeError(`Cannot write ${value} as a SQL literal.`);
  return String(value);
}
