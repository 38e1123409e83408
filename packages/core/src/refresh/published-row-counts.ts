import { existsSync } from 'node:fs';
import { Warehouse } from '../warehouse/warehouse.js';

/** Rows per `raw.<source>` table of the published warehouse (read-only); undefined when there is none. */
export async function readPublishedRowCounts(path: string): Promise<Record<string, number> | undefined> {
  if (!existsSync(path)) return undefined;
  const warehouse = await Warehouse.open(path, { readOnly: true });
  try {
    const tables = (await warehouse.relations()).filter((table) => table.schema === 'raw');
    const out: Record<string, number> = {};
    for (const { name } of tables) {
      const [row] = await warehouse.query<{ rows: number }>(
        `select count(*)::bigint as rows from raw."${name.replaceAll('"', '""')}"`,
      );
      out[name] = Number(row?.rows ?? 0);
    }
    return out;
  } finally {
    await warehouse.close();
  }
}
