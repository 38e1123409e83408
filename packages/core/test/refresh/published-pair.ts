import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Warehouse } from '../../src/index.js';
import { folderDigest, sha256File } from './spawn-pulse.js';

/**
 * The published warehouse and marts of a tiny workspace (`<root>/data`), as the crash and journal
 * tests look at them: the pair's bytes, the accounts it holds, and what a run left beside it.
 */
export function publishedPair(root: () => string) {
  const dataDir = () => join(root(), 'data');
  const warehouse = () => join(dataDir(), 'warehouse.duckdb');
  const marts = () => join(dataDir(), 'marts');
  return {
    dataDir,
    warehouse,
    marts,
    snapshot: async () => ({
      warehouse: await sha256File(warehouse()),
      marts: await folderDigest(marts()),
    }),
    accountIds: async () => {
      const db = await Warehouse.open(warehouse(), { readOnly: true });
      try {
        return (
          await db.query<{ id: string }>('select account_id as id from staging.stg_accounts order by 1')
        ).map((row) => row.id);
      } finally {
        await db.close();
      }
    },
    /** Everything in data/ except what a finished run leaves. */
    leftovers: async () =>
      (await readdir(dataDir())).filter(
        (name) =>
          !['raw', 'marts', 'warehouse.duckdb', 'warehouse.duckdb.files.json', 'pulse-runs.jsonl'].includes(
            name,
          ),
      ),
  };
}
