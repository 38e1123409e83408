import type { Warehouse } from '../warehouse/warehouse.js';
import { rawColumnType, type SourceDefinition } from './source-definition.js';
import type { SourceFile } from './source-files.js';
import { quoteIdentifier as q, sqlString } from './sql-text.js';
import type { OriginalRows } from './staged-file.js';

export const RAW_SCHEMA = 'raw';
export const QUARANTINE_SCHEMA = 'quarantine';

export function rawTable(source: string): string {
  return `${RAW_SCHEMA}.${q(source)}`;
}

export function quarantineTable(source: string): string {
  return `${QUARANTINE_SCHEMA}.${q(source)}`;
}

/** Creates (or empties) `raw.<source>` typed per the contract and `quarantine.<source>`. */
export async function createSourceTables(warehouse: Warehouse, source: SourceDefinition): Promise<void> {
  const columns = source.columns.map((column) => `${q(column.name)} ${rawColumnType(column.type)}`);
  await warehouse.exec(
    `create or replace table ${rawTable(source.name)} (${[...columns, '_file VARCHAR', '_line INTEGER'].join(', ')});
     create or replace table ${quarantineTable(source.name)} (
       file VARCHAR, line INTEGER, "column" VARCHAR, reason_code VARCHAR, reason VARCHAR, raw VARCHAR)`,
  );
}

export async function sourceTablesExist(warehouse: Warehouse, source: SourceDefinition): Promise<boolean> {
  const relations = await warehouse.relations();
  return [RAW_SCHEMA, QUARANTINE_SCHEMA].every((schema) =>
    relations.some((table) => table.schema === schema && table.name === source.name),
  );
}

/** Rows of the source's tables, loaded and quarantined: the records read from the files they came from. */
export async function keptRows(warehouse: Warehouse, source: SourceDefinition): Promise<number> {
  const [row] = await warehouse.query<{ rows: number }>(
    `select ((select count(*) from ${rawTable(source.name)}) +
             (select count(*) from ${quarantineTable(source.name)}))::BIGINT as rows`,
  );
  return Number(row?.rows ?? 0);
}

/** Drops the rows of every file not in `files` (changed or removed since they were ingested). */
export async function keepOnlyRowsOf(
  warehouse: Warehouse,
  source: SourceDefinition,
  files: ReadonlySet<string>,
): Promise<void> {
  // The kept paths as one JSON parameter and an anti-join: a literal `not in` list of 10,000 paths cost
  // 0.4 s per refresh.
  const kept = (column: string) =>
    files.size
      ? ` where ${column} is null or ${column} not in (select unnest(from_json($1::varchar, '["VARCHAR"]')))`
      : '';
  const parameters = files.size ? [JSON.stringify([...files])] : [];
  await warehouse.exec(`delete from ${rawTable(source.name)}${kept('_file')}`, parameters);
  await warehouse.exec(`delete from ${quarantineTable(source.name)}${kept('file')}`, parameters);
}

/**
 * Valid rows with their lineage. In no particular order: sorting 10 GB of events only to store them in
 * file order would cost more than the rest of ingestion; `order by _file, _line` gives file order.
 */
export async function writeValidRows(
  warehouse: Warehouse,
  source: SourceDefinition,
  checked: string,
  files: readonly SourceFile[],
): Promise<void> {
  const columns = source.columns.map((column) => `c.${q(column.name)}`).join(', ');
  await warehouse.exec(
    `insert into ${rawTable(source.name)}
     select ${columns}, f._file, c._line::INTEGER
     from ${checked} c join ${fileNames(files)} f on f._file_index = c._file_index
     where c._code is null`,
  );
}

/** Quarantined rows in file order, each with its original row as JSON (read back only for these rows). */
export async function writeQuarantine(
  warehouse: Warehouse,
  source: SourceDefinition,
  checked: string,
  files: readonly { file: SourceFile; originals: OriginalRows }[],
): Promise<void> {
  const withProblems = await warehouse.query<{ index: number }>(
    `select distinct _file_index as index from ${checked} where _code is not null order by 1`,
  );
  for (const { index } of withProblems) {
    const { file, originals } = files[index]!;
    await warehouse.exec(
      `insert into ${quarantineTable(source.name)}
       select ${sqlString(file.relativePath)}, c._line::INTEGER, c._column, c._code, c._reason,
              case when c._raw_text is not null then to_json(c._raw_text)::VARCHAR else ${originals.rawJson} end
       from ${checked} c left join ${originals.relation} o on o._row = c._row
       where c._file_index = ${index} and c._code is not null
       order by c._order`,
    );
  }
}

/** The files by index, as a relation; empty for no file (`values` with no row is a syntax error). */
function fileNames(files: readonly SourceFile[]): string {
  if (files.length === 0) return '(select null::INTEGER as _file_index, null::VARCHAR as _file where false)';
  const rows = files.map((file, index) => `(${index}, ${sqlString(file.relativePath)})`);
  return `(select * from (values ${rows.join(', ')}) v(_file_index, _file))`;
}
