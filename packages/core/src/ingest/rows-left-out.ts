import type { Warehouse } from '../warehouse/warehouse.js';
import { comparedText } from './compared-text.js';
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
 * that rule then leaves nothing out of the file, and `missing` lists it for one warning per source
 * (missingColumnWarnings), unless the rule is `optional` (a column that files may lack by design says
 * nothing about the file).
 */
export function leftOutColumn(
  source: SourceDefinition,
  vendorValue: (column: string) => string | undefined,
): { readonly expression: string; readonly missing: readonly number[] } {
  const rules = source.leftOut?.rules ?? [];
  const missing: number[] = [];
  const cases = rules.flatMap((rule, index) => {
    const value = vendorValue(rule.column.trim());
    if (value === undefined) {
      if (!rule.optional) missing.push(index);
      return [];
    }
    const values = rule.values.map((text) => comparedText(sqlString(text))).join(', ');
    return [`when ${comparedText(`${value}::VARCHAR`)} in (${values}) then ${index}`];
  });
  return { expression: cases.length ? `case ${cases.join(' ')} end` : 'NULL', missing };
}

/** Files named in a warning about files without a rule's column; the others are counted. */
const FILES_NAMED = 3;

/**
 * One warning per rule whose column some files lack (`filesByRule`: rule index → their paths), not one per
 * file: 41 files without a column say it once, with how many and a few of them.
 */
export function missingColumnWarnings(
  source: SourceDefinition,
  filesByRule: ReadonlyMap<number, readonly string[]>,
): string[] {
  const rules = source.leftOut?.rules ?? [];
  return [...filesByRule.entries()]
    .sort(([a], [b]) => a - b)
    .map(([index, files]) => {
      const rule = rules[index]!;
      const where = `no column "${rule.column.trim()}" (${source.leftOut!.key} in pulse.config.json)`;
      if (files.length === 1)
        return `${files[0]} has ${where}: no row of it is left out as ${rule.reason.trim()}`;
      const named = files.slice(0, FILES_NAMED).join(', ');
      const more = files.length > FILES_NAMED ? ` and ${files.length - FILES_NAMED} more` : '';
      return (
        `${files.length.toLocaleString('en-US')} files have ${where}: no row of them is left out as ` +
        `${rule.reason.trim()} (${named}${more})`
      );
    });
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

/** One catalog row, not the whole introspection: every source of every ingestion asks. */
async function tableExists(warehouse: Warehouse): Promise<boolean> {
  const found = await warehouse.query(
    `select 1 from duckdb_tables() where schema_name = '${SCHEMA}' and table_name = '${TABLE}'`,
  );
  return found.length > 0;
}
