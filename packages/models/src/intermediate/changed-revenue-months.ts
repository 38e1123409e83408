import { dateValue, type PartitionChanges, relationOf } from '@pulse/core';
import { type Kysely, sql } from 'kysely';
import { monthOf } from '../calendar-months.js';
import type { PulseVars } from '../config.js';
import { stgSubscriptions } from '../staging/stg_subscriptions.js';
import { otherVarsChanged } from '../vars-changes.js';
import { intMonthSpine } from './int_month_spine.js';

/**
 * The months of int_account_months whose rows may differ from the relation as built. A month holds, for
 * each account paying from that month or an earlier one, the MRR of its periods in effect on the month's
 * snapshot day. So:
 * - a period that came, went or changed (the start days stg_subscriptions rebuilt, found by comparing its
 *   rows) can move only the months from the one it starts in: its own, and its account's first paying month;
 * - an as_of move changes the snapshot day of the earlier as_of's month and adds or drops the months up to
 *   the later one.
 * Every month from the earliest of those on, then: of the spine now, and of the relation (months that went).
 * `all` when stg_subscriptions was rebuilt whole or another var changed. A nightly export's new periods start
 * on the new as_of day, so only the as_of month is rebuilt (at L ~40k of 980k rows).
 */
export async function changedRevenueMonths(
  db: Kysely<any>,
  changes: PartitionChanges<PulseVars>,
): Promise<readonly string[] | 'all'> {
  if (!changes.previousVars || otherVarsChanged(changes.vars, changes.previousVars)) return 'all';
  const days = changes.changedModels.get(stgSubscriptions.name) ?? [];
  if (days === 'all') return 'all';
  const starts = [...days];
  const [before, now] = [changes.previousVars.asOf, changes.vars.asOf];
  if (before !== now) starts.push(before, now);
  if (starts.length === 0) return [];
  const from = dateValue(monthOf(starts.sort()[0]!));
  // Raw sql stays here: the relation as built is named only at run time (Kysely<any>: the builder checks nothing).
  const rows = await sql<{ month: string }>`
    select cast(month as varchar) as month from ${sql.raw(relationOf(intMonthSpine))} where month >= ${from}
    union
    select distinct cast(month as varchar) from ${sql.raw(changes.relation)} where month >= ${from}`.execute(
    db,
  );
  return rows.rows.map((row) => row.month).sort();
}
