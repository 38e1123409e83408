import type { Warehouse } from '../warehouse/warehouse.js';

const TABLE = 'pulse.model_fingerprints';

/** The fingerprint of every model whose relation in this warehouse was built from it (see modelFingerprint). */
export async function writeModelFingerprints(
  warehouse: Warehouse,
  fingerprints: ReadonlyMap<string, string>,
): Promise<void> {
  await warehouse.exec(
    `create schema if not exists pulse;
     create or replace table ${TABLE} (model varchar primary key, fingerprint varchar not null)`,
  );
  for (const [model, fingerprint] of fingerprints)
    await warehouse.exec(`insert into ${TABLE} values ($1, $2)`, [model, fingerprint]);
}

/** Empty when the warehouse has no record (built before fingerprints existed): everything rebuilds. */
export async function readModelFingerprints(warehouse: Warehouse): Promise<Map<string, string>> {
  const [exists] = await warehouse.query<{ found: boolean }>(
    `select count(*) > 0 as found from information_schema.tables
     where table_schema = 'pulse' and table_name = 'model_fingerprints'`,
  );
  if (!exists?.found) return new Map();
  const rows = await warehouse.query<{ model: string; fingerprint: string }>(`select * from ${TABLE}`);
  return new Map(rows.map((row) => [row.model, row.fingerprint]));
}
