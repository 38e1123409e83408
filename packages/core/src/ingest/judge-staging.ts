import type { Warehouse } from '../warehouse/warehouse.js';
import type { CheckContext, SourceDefinition } from './source-definition.js';
import type { SourceFile } from './source-files.js';
import { writeQuarantine, writeValidRows } from './source-tables.js';
import type { OriginalRows } from './staged-file.js';
import { checkedTableSql } from './validation-query.js';

/**
 * Judges the staging rows of a source (a relation with the staging columns of staged-file.ts, `_file_index`
 * indexing `files`) and appends them to its tables: valid rows to `raw`, the others to `quarantine` with
 * the original row from `staged[_file_index].originals`. Returns how many rows were judged (the records
 * read, for the nothing-lost check) and the temporary table to drop.
 */
export async function judgeStaging(
  warehouse: Warehouse,
  source: SourceDefinition,
  staging: string,
  files: readonly SourceFile[],
  staged: readonly { file: SourceFile; originals: OriginalRows; unfitValues?: boolean }[],
  context: Omit<CheckContext, 'column' | 'label'>,
  tempName: (purpose: string) => string,
): Promise<{ rows: number; tempTables: string[] }> {
  const checked = tempName('checked');
  const unfitColumn = staged.some((file) => file?.unfitValues === true);
  await warehouse.exec(checkedTableSql(source, staging, checked, context, { unfitColumn }));
  await writeValidRows(warehouse, source, checked, files);
  await writeQuarantine(warehouse, source, checked, staged);
  const [{ rows } = { rows: 0 }] = await warehouse.query<{ rows: number }>(
    `select count(*) as rows from ${checked}`,
  );
  return { rows: Number(rows), tempTables: [checked] };
}
