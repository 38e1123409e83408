/** RFC 4180 CSV text: a header, then one line per row; a field is quoted only when it has to be. */
export function csvText(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows]
    .map((row) => row.map(csvField).join(','))
    .join('\n')
    .concat('\n');
}

export type CsvValue = string | number | boolean | null | undefined;

function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'boolean' ? (value ? 'true' : 'false') : String(value);
  return /[",\n\r]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows of objects as CSV, columns in the order of `header`. */
export function csvOfRecords(
  header: readonly string[],
  records: readonly Record<string, CsvValue>[],
): string {
  return csvText(
    header,
    records.map((record) => header.map((column) => record[column])),
  );
}
