import type { Warehouse } from '../warehouse/warehouse.js';
import { sqlString } from './sql-text.js';

/**
 * The vendor rows a preset's derivation gave no canonical row (Stripe's draft invoices, test-mode rows,
 * proration credits …), per source, vendor table and reason, in `pulse.preset_rows_ignored`. A refresh
 * that keeps a preset source reads its notes from here: the derivation is not run again, yet the
 * warehouse is still read without those rows, and the summary must say so as a full build's does. A
 * preset source is kept whole or derived again whole, so its counts are kept whole or replaced whole.
 */

const SCHEMA = 'pulse';
const TABLE = 'preset_rows_ignored';
const QUALIFIED = `${SCHEMA}.${TABLE}`;

export interface PresetRowsIgnored {
  readonly vendorTable: string;
  readonly reason: string;
  readonly rows: number;
}

/** Replaces the counts of `source` with those of the derivation just run. */
export async function recordPresetRowsIgnored(
  warehouse: Warehouse,
  source: string,
  counts: readonly PresetRowsIgnored[],
): Promise<void> {
  await warehouse.exec(
    `create schema if not exists ${SCHEMA};
     create table if not exists ${QUALIFIED} (source VARCHAR, vendor_table VARCHAR, reason VARCHAR, rows BIGINT)`,
  );
  await warehouse.exec(`delete from ${QUALIFIED} where source = $1`, [source]);
  // One row says the source was recorded, with no row ignored too: a source with no row at all was
  // derived by a Pulse that did not record its counts, or before the table existed.
  const recorded = `(${sqlString(source)}, NULL, NULL, 0)`;
  const rows = counts.map(
    (count) =>
      `(${sqlString(source)}, ${sqlString(count.vendorTable)}, ${sqlString(count.reason)}, ${count.rows})`,
  );
  rows.push(recorded);
  await warehouse.exec(`insert into ${QUALIFIED} values ${rows.join(', ')}`);
}

/**
 * The counts recorded for `source` by the derivation that wrote its kept rows, in summary order; undefined
 * when none were recorded for it (no such table, or no row of the source: written by a Pulse that did not
 * record them, or the table made since by another source's derivation): the counts are not known, so the
 * source must be derived again rather than kept without its notes.
 */
export async function presetRowsIgnored(
  warehouse: Warehouse,
  source: string,
): Promise<PresetRowsIgnored[] | undefined> {
  if (!(await tableExists(warehouse))) return undefined;
  const rows = await warehouse.query<{
    vendor_table: string | null;
    reason: string | null;
    rows: number | bigint;
  }>(
    `select vendor_table, reason, rows from ${QUALIFIED} where source = $1
     order by vendor_table nulls first, reason`,
    [source],
  );
  if (rows.length === 0) return undefined;
  return rows.flatMap((row) =>
    row.vendor_table === null || row.reason === null
      ? []
      : [{ vendorTable: row.vendor_table, reason: row.reason, rows: Number(row.rows) }],
  );
}

/** One catalog row, not the whole introspection: every kept preset source asks. */
async function tableExists(warehouse: Warehouse): Promise<boolean> {
  const found = await warehouse.query(
    `select 1 from duckdb_tables() where schema_name = '${SCHEMA}' and table_name = '${TABLE}'`,
  );
  return found.length > 0;
}
