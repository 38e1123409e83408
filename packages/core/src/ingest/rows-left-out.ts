import type { Warehouse } from '../warehouse/warehouse.js';
import type { LeaveOutRule, SourceDefinition } from './source-definition.js';
import type { SourceFile } from './source-files.js';
import { sqlString } from './sql-text.js';

/**
 * `sources.<source>.leave_out` (a shipped mapping's too): export rows that are no rows of the source,
 * such as Zendesk's soft-deleted tickets (`status` deleted). They are left out of the staging rows before
 * judging, so they are neither loaded nor quarantined, and counted per file and reason in
 * `pulse.rows_left_out`, which the ingestion summary and `pulse sources` read: nothing is dropped
 * without a count, on a refresh that keeps a file's rows too.
 */

const SCHEMA = 'pulse';
const TABLE = 'rows_left_out';
const QUALIFIED = `${SCHEMA}.${TABLE}`;

/** "deleted (status deleted)": the rule's own words, then the column and values that select the rows. */
export function leftOutReason(rule: LeaveOutRule): string {
  return `${rule.reason.trim()} (${rule.column.trim()} ${rule.values.map((value) => value.trim()).join(' or ')})`;
}

/**
 * The staging column `_left_out` of a file: the index of the first rule its row matches, else NULL.
 * `vendorValue` gives the SQL text of an export column, or undefined when the file has no such column:
 * that rule then leaves nothing out of the file, and a warning names the column and the key that set it,
 * unless the rule is `optional` (a column that files may lack by design says nothing about the file).
 */
export function leftOutColumn(
  source: SourceDefinition,
  file: SourceFile,
  vendorValue: (column: string) => string | undefined,
): { readonly expression: string; readonly warnings: readonly string[] } {
  const rules = source.leftOut?.rules ?? [];
  const warnings: string[] = [];
  const cases = rules.flatMap((rule, index) => {
    const value = vendorValue(rule.column.trim());
    if (value === undefined) {
      if (rule.optional) return [];
      warnings.push(
        `${file.relativePath} has no column "${rule.column.trim()}" (${source.leftOut!.key} in ` +
          `pulse.config.json): no row of it is left out as ${rule.reason.trim()}`,
      );
      return [];
    }
    const values = rule.values.map((text) => sqlString(text.trim().toLowerCase())).join(', ');
    return [`when lower(trim(${value}::VARCHAR)) in (${values}) then ${index}`];
  });
  return { expression: cases.length ? `case ${cases.join(' ')} end` : 'NULL', warnings };
}

/** True when a `leave_out` rule reads the export column `name`: it is used, so not an unknown column. */
export function readToLeaveOut(source: SourceDefinition, name: string): boolean {
  const wanted = name.trim().toLowerCase();
  return (source.leftOut?.rules ?? []).some((rule) => rule.column.trim().toLowerCase() === wanted);
}

/**
 * Forgets the counts of the files a source reads again (all of them, or those not kept by an appending
 * refresh), so the counts left are those of the rows the source's tables keep.
 */
export async function forgetRowsLeftOut(
  warehouse: Warehouse,
  source: string,
  kept: ReadonlySet<string> = new Set(),
): Promise<void> {
  if (!(await tableExists(warehouse))) return;
  const notKept = kept.size ? ` and file not in (select unnest(from_json($2::varchar, '["VARCHAR"]')))` : '';
  await warehouse.exec(
    `delete from ${QUALIFIED} where source = $1${notKept}`,
    kept.size ? [source, JSON.stringify([...kept])] : [source],
  );
}

/** Counts the rows of `staging` (staging columns + `_left_out`, `_file_index` indexing `files`) left out. */
export async function countRowsLeftOut(
  warehouse: Warehouse,
  source: SourceDefinition,
  staging: string,
  files: readonly SourceFile[],
): Promise<void> {
  const rules = source.leftOut?.rules ?? [];
  if (rules.length === 0 || files.length === 0) return;
  await warehouse.exec(
    `create schema if not exists ${SCHEMA};
     create table if not exists ${QUALIFIED} (source VARCHAR, file VARCHAR, reason VARCHAR, rows BIGINT)`,
  );
  const reasons = rules.map((rule, index) => `when ${index} then ${sqlString(leftOutReason(rule))}`);
  const fileNames = files.map((file, index) => `(${index}, ${sqlString(file.relativePath)})`);
  await warehouse.exec(
    `insert into ${QUALIFIED}
     select ${sqlString(source.name)}, f._file, case s._left_out ${reasons.join(' ')} end, count(*)
     from ${staging} s join (values ${fileNames.join(', ')}) f(_file_index, _file) on f._file_index = s._file_index
     where s._left_out is not null
     group by all`,
  );
}

/** The counts of one source, in file order: what the warehouse's rows of it were read without. */
export async function rowsLeftOut(
  warehouse: Warehouse,
  source: string,
): Promise<{ file: string; reason: string; rows: number }[]> {
  if (!(await tableExists(warehouse))) return [];
  const rows = await warehouse.query<{ file: string; reason: string; rows: number | bigint }>(
    `select file, reason, sum(rows)::BIGINT as rows from ${QUALIFIED} where source = $1
     group by file, reason order by file, reason`,
    [source],
  );
  return rows.map((row) => ({ file: row.file, reason: row.reason, rows: Number(row.rows) }));
}

/** "zendesk/ticket.csv: 1 row left out as deleted (status deleted)", for the ingestion summary. */
export async function rowsLeftOutNotes(warehouse: Warehouse, source: string): Promise<string[]> {
  return (await rowsLeftOut(warehouse, source)).map(
    ({ file, reason, rows }) =>
      `${file}: ${rows.toLocaleString('en-US')} ${rows === 1 ? 'row' : 'rows'} left out as ${reason}`,
  );
}

/** One catalog row, not the whole introspection: every source of every ingestion asks. */
async function tableExists(warehouse: Warehouse): Promise<boolean> {
  const found = await warehouse.query(
    `select 1 from duckdb_tables() where schema_name = '${SCHEMA}' and table_name = '${TABLE}'`,
  );
  return found.length > 0;
}
