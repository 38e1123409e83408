import { CompiledQuery, type Kysely } from 'kysely';
import type { PartitionChanges } from './model-definition.js';

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * The partition values (as text, sorted) of the rows that differ between a model's query now and its
 * relation as built: a row in one and not in the other, compared on these columns. Exact whatever changed
 * upstream, at the cost of running the whole query once more and comparing both ways; meant for a table
 * that is cheap to query next to what its downstream models would rebuild (a staging table of a snapshot
 * source, read whole whenever its file changes, feeding a monthly chain). NULLs compare equal, as in a
 * set difference; a differing row with a NULL partition value is in no partition, so that gives `all`.
 */
export async function partitionsWhoseRowsDiffer(
  db: Kysely<any>,
  changes: Pick<PartitionChanges<unknown>, 'relation' | 'rowsNow'>,
  column: string,
  columns: readonly string[],
): Promise<string[] | 'all'> {
  const list = columns.map(quoted).join(', ');
  // Built as text around the compiled query: its parameters keep their places ($1…) inside the CTE.
  const query = CompiledQuery.raw(
    `with rows_now as materialized (${changes.rowsNow.sql}),
       rows_built as (select ${list} from ${changes.relation})
     select distinct cast(${quoted(column)} as varchar) as value from (
       (select ${list} from rows_now except select ${list} from rows_built)
       union all
       (select ${list} from rows_built except select ${list} from rows_now)
     ) as differing order by 1`,
    [...changes.rowsNow.parameters],
  );
  const result = await db.executeQuery<{ value: string | null }>(query);
  const values = result.rows.map((row) => row.value);
  return values.includes(null) ? 'all' : (values as string[]);
}
