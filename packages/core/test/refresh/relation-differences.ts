import { Warehouse } from '../../src/index.js';

/**
 * Per relation, the rows of the refreshed warehouse and not the full build's, plus the reverse (multiset
 * difference both ways): 0 everywhere when the refresh equals the build. Without `relations`, every table
 * of the layers a build writes.
 */
export async function relationDifferences(
  refreshed: string,
  full: string,
  relations?: readonly string[],
): Promise<Record<string, number>> {
  const db = await Warehouse.open(refreshed, { readOnly: true });
  try {
    await db.exec(`attach '${full}' as fullbuild (read_only)`);
    const names =
      relations ??
      (
        await db.query<{ name: string }>(
          `select table_schema || '.' || table_name as name from information_schema.tables
           where table_catalog = 'fullbuild'
             and table_schema in ('raw', 'quarantine', 'stripe', 'staging', 'intermediate', 'marts') order by 1`,
        )
      ).map((table) => table.name);
    const out: Record<string, number> = {};
    for (const name of names) {
      const [row] = await db.query<{ diff: number }>(
        `select ((select count(*) from (from ${name} except all from fullbuild.${name}))
              + (select count(*) from (from fullbuild.${name} except all from ${name})))::integer as diff`,
      );
      out[name] = row!.diff;
    }
    return out;
  } finally {
    await db.close();
  }
}
