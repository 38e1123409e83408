/**
 * `"column" in ('v1', …)`: the rows of these partitions. Partition values are the column's values as text
 * (`column::VARCHAR`); written as text literals beside the bare column, they are cast once to the column's
 * type, instead of every row's value being cast to text (at 50M rows of a DATE, seconds per statement),
 * and the comparison can filter inside the scan.
 */
export function partitionFilterSql(column: string, partitions: readonly string[]): string {
  if (partitions.length === 0) return 'false';
  const values = partitions.map((value) => `'${value.replaceAll("'", "''")}'`).join(', ');
  return `"${column.replaceAll('"', '""')}" in (${values})`;
}
