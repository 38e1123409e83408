import type { ModelWarehouse } from '../warehouse/model-warehouse.js';

/**
 * Per source, the rows ingestion left out on purpose: those a `leave_out` rule matched
 * (`pulse.rows_left_out`) and the vendor rows a preset's derivation gave no row (`pulse.preset_rows_ignored`:
 * Stripe's drafts, test-mode rows …). The shrink guard counts them with the loaded rows: a source whose
 * rows went there did not lose them. Zero for a source with none, and for a warehouse without those tables.
 */
export async function rowsLeftOutBySource(warehouse: ModelWarehouse): Promise<Record<string, number>> {
  const tables = await warehouse.query<{ name: string }>(
    `select table_name as name from duckdb_tables()
     where schema_name = 'pulse' and table_name in ('rows_left_out', 'preset_rows_ignored')`,
  );
  if (tables.length === 0) return {};
  const union = tables.map(({ name }) => `select source, rows from pulse.${name}`).join(' union all ');
  const rows = await warehouse.query<{ source: string; rows: number | bigint }>(
    `select source, sum(rows)::BIGINT as rows from (${union}) group by source`,
  );
  return Object.fromEntries(rows.map((row) => [row.source, Number(row.rows)]));
}
