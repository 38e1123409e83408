import { join } from 'node:path';
import { mapHeader } from '../ingest/header-mapping.js';
import type { SourceDefinition } from '../ingest/source-definition.js';
import { readerPath } from '../ingest/sql-text.js';
import type { Warehouse } from '../warehouse/warehouse.js';

/** A file read as text (CSV, JSON Lines), or one whose footer cannot be read now: any value may be wall-clock. */
const TEXT = 'VARCHAR';

/**
 * Per canonical column of `source` (read with its mapping), the DuckDB type of its column in each of
 * `files` (paths in `dataDir`): a Parquet file's from its footer (DESCRIBE reads no data), VARCHAR for the
 * text formats. `pulse sources` asks it only of a source with a time zone: whether the zone moves a
 * column's values depends on the type its files hold (time-zone-reach.ts). A Parquet file gone or
 * damaged since the build counts as text: its column is then shown as read in the zone, as configured.
 */
export async function fileColumnTypes(
  warehouse: Warehouse,
  dataDir: string,
  source: SourceDefinition,
  files: readonly string[],
): Promise<Map<string, string[]>> {
  const types = new Map<string, string[]>(source.columns.map((column) => [column.name, []]));
  for (const file of files) {
    const described = /\.parquet$/i.test(file)
      ? await parquetColumns(warehouse, dataDir, source, file)
      : undefined;
    for (const column of source.columns) types.get(column.name)!.push(described?.get(column.name) ?? TEXT);
  }
  return types;
}

/** Canonical column → its DuckDB type in one Parquet file; undefined when the footer cannot be read. */
async function parquetColumns(
  warehouse: Warehouse,
  dataDir: string,
  source: SourceDefinition,
  file: string,
): Promise<Map<string, string> | undefined> {
  try {
    const described = await warehouse.query<{ column_name: string; column_type: string }>(
      `describe select * from read_parquet(${readerPath(join(dataDir, file))})`,
    );
    const mapping = mapHeader(
      file,
      described.map((column) => column.column_name),
      source,
    );
    return new Map(
      mapping.targets.flatMap((target, index) =>
        target === undefined ? [] : [[target, described[index]!.column_type] as const],
      ),
    );
  } catch {
    return undefined;
  }
}
