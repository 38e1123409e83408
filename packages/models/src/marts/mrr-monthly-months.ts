import { isInList, type PartitionChanges, relationOf } from '@pulse/core';
import { expressionBuilder, type Kysely, sql } from 'kysely';
import { monthsAfter } from '../calendar-months.js';
import type { PulseVars } from '../config.js';
import { intAccountSegments } from '../intermediate/int_account_segments.js';
import { intMonthSpine } from '../intermediate/int_month_spine.js';
import { otherVarsChanged } from '../vars-changes.js';
import { mrrAccountMonths } from './mrr_account_months.js';

/**
 * The months of mrr_monthly whose rows may differ from the relation as built. A month's rows sum that
 * month's account rows (and, for the 12-month rates, the same accounts' rows 12 months earlier) by the
 * accounts' segments now, on the spine's months and segment axis. So:
 * - each month mrr_account_months rebuilt, and the month 12 after it (where it is the year-ago base);
 * - every month with a row of an account that came, went or moved segment (int_account_segments rebuilt
 *   those accounts; an account that went has no rows left, and the months its rows left are among those
 *   mrr_account_months rebuilt);
 * - the months that came into the spine, left it or changed their partial flag (as_of moved into a new month).
 * Only months of the spine or of the relation: a month past as_of has no row. `all` when either upstream was
 * rebuilt whole, the spine's first month moved (the 12-month rates' base), the segment axis gained or lost a
 * segment, or a var other than as_of changed. After a nightly export that is the as_of month alone, where
 * the whole mart was built again from every account month (at L 1.0–1.7 s of a one-day refresh).
 */
export async function changedMrrMonths(
  db: Kysely<any>,
  changes: PartitionChanges<PulseVars>,
): Promise<readonly string[] | 'all'> {
  // Raw sql stays in this function: the relation as built is named only at run time (Kysely<any>, so the
  // builder would check nothing).
  if (!changes.previousVars || otherVarsChanged(changes.vars, changes.previousVars)) return 'all';
  const revenueMonths = changes.changedModels.get(mrrAccountMonths.name) ?? [];
  const movedAccounts = changes.changedModels.get(intAccountSegments.name) ?? [];
  if (revenueMonths === 'all' || movedAccounts === 'all') return 'all';
  const months = new Set(revenueMonths.flatMap((month) => [month, monthsAfter(month, 12)]));
  const spine = sql.raw(relationOf(intMonthSpine));
  const built = sql.raw(changes.relation);
  if (changes.changedModels.has(intMonthSpine.name)) {
    // The spine changes every night (the as_of month's snapshot day), which this mart does not read: only
    // its months, their partial flag and where the range starts (the 12-month rates' base) matter.
    const [start] = (
      await sql<{ moved: boolean }>`
        select (select min(month) from ${spine}) is distinct from (select min(month) from ${built}) as moved`.execute(
        db,
      )
    ).rows;
    if (start!.moved) return 'all';
    const rows = await sql<{ month: string }>`
      with now as (select month, is_partial_month from ${spine}),
      as_built as (select distinct month, is_partial_month from ${built})
      select distinct cast(month as varchar) as month
        from ((from now except from as_built) union all (from as_built except from now)) as differing`.execute(
      db,
    );
    for (const row of rows.rows) months.add(row.month);
  }
  if (movedAccounts.length > 0) {
    const segments = sql.raw(relationOf(intAccountSegments));
    const [axis] = (
      await sql<{ differing: number }>`
        with now as (select distinct segment from ${segments}),
        as_built as (select distinct segment from ${built})
        select cast(count(*) as integer) as differing
          from ((from now except from as_built) union all (from as_built except from now)) as segments`.execute(
        db,
      )
    ).rows;
    if (axis!.differing > 0) return 'all';
    const rows = await sql<{ month: string }>`
      select distinct cast(month as varchar) as month from ${sql.raw(relationOf(mrrAccountMonths))}
        where ${isInList(expressionBuilder<any, any>(), 'account_id', movedAccounts)}`.execute(db);
    for (const row of rows.rows) months.add(row.month);
  }
  if (months.size === 0) return [];
  // A month that left the spine is rebuilt too: its rows go.
  const known = await sql<{ month: string }>`
    select cast(month as varchar) as month from ${spine}
    union select distinct cast(month as varchar) from ${built}`.execute(db);
  return known.rows
    .map((row) => row.month)
    .filter((month) => months.has(month))
    .sort();
}
