import { existsSync } from 'node:fs';
import { Warehouse } from '../warehouse/warehouse.js';
import { rowsLeftOutBySource } from './rows-left-out-counts.js';

/** What the published warehouse holds per source: its loaded rows and the rows it left out on purpose. */
export interface PublishedRowCounts {
  /** Rows per `raw.<source>` table. */
  readonly loaded: Record<string, number>;
  /** Rows left out on purpose per source (rows-left-out-counts.ts). */
  readonly leftOut: Record<string, number>;
}

/** The published warehouse's counts (read-only); undefined when there is none. */
export async function readPublishedRowCounts(path: string): Promise<PublishedRowCounts | undefined> {
  if (!existsSync(path)) return undefined;
  const warehouse = await Warehouse.open(path, { readOnly: true });
  try {
    const tables = (await warehouse.relations()).filter((table) => table.schema === 'raw');
    const loaded: Record<string, number> = {};
    for (const { name } of tables) {
      const [row] = await warehouse.query<{ rows: number }>(
        `select count(*)::bigint as rows from raw."${name.replaceAll('"', '""')}"`,
      );
      loaded[name] = Number(row?.rows ?? 0);
    }
    return { loaded, leftOut: await rowsLeftOutBySource(warehouse) };
  } finally {
    await warehouse.close();
  }
}
