// Rows as { columns, rows: [[…], …] }: a long list's column names are written once instead of once per
// row, which halves the JSON of a list like the MRR movers. src/components/data.js `fromCompact` reads it.

/** Rows (objects with the same keys) → { columns, rows } with each row's values in `columns` order. */
export function toCompact(rows) {
  const columns = rows.length > 0 ? Object.keys(rows[0]) : [];
  return { columns, rows: rows.map((row) => columns.map((c) => row[c])) };
}
