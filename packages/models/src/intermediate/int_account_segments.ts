import { type DatabaseOf, defineModel, isInList } from '@pulse/core';
import type { Expression, ExpressionBuilder, Kysely, QueryCreator, StringReference } from 'kysely';
import { z } from 'zod';
import { ALL_GROUPS } from '../staging/all-groups-name.js';
import { stgAccounts } from '../staging/stg_accounts.js';
import { changedSegmentAccounts } from './changed-segment-accounts.js';

/**
 * G5 in one place: every account rolls up into its own segment and into `all`. Joining facts to this
 * table on account_id yields the segment rows and the `all` row in one group by; its distinct segments
 * (`reportingSegments`) are the segment axis of every monthly grid, never-active accounts included, as it
 * holds every account that exists by as_of. `union` (not `union all`) so an account whose segment is
 * literally `all` is not counted twice. The same rule as a join condition is `countsInSegment`, for marts
 * whose money sums must see their rows in a fixed order.
 */
export const intAccountSegments = defineModel({
  name: 'int_account_segments',
  layer: 'intermediate',
  materialized: 'table',
  description:
    'Each account twice: once under its own segment and once under `all`. Facts joined to it on account_id roll up into every reporting segment in one group by; its distinct segments are the segment axis of the monthly marts.',
  grain: ['account_id', 'segment'],
  columns: z.object({
    account_id: z.string().describe('Account identifier.'),
    segment: z.string().describe('A reporting segment the account counts in: its own segment, or `all`.'),
  }),
  // By account: a refresh rebuilds the accounts that came, went or moved segment, and the monthly marts
  // that keep no account ids (mrr_monthly) learn from this model's partitions which accounts those are.
  partitionBy: { column: 'account_id', uniqueKeysWithinPartition: true, changed: changedSegmentAccounts },
  inputs: [stgAccounts],
  build: (db, { partitions }: { partitions?: readonly string[] }) => {
    const accounts = db
      .selectFrom('stg_accounts')
      .$if(partitions !== undefined, (q) => q.where((eb) => isInList(eb, 'account_id', partitions!)));
    return accounts
      .select(['account_id', 'segment'])
      .union(accounts.select((eb) => ['account_id', eb.val(ALL_GROUPS).as('segment')]));
  },
});

/**
 * The segment axis of a monthly grid (G5): every reporting segment once, `all` included. Cross join it
 * with the months (`.crossJoin(reportingSegments(db).as('g'))`) so a segment without facts in a month
 * still gets its row. Empty only when no account exists, and then every fact is empty too
 * (staging keeps only facts of existing accounts).
 */
export function reportingSegments<DB extends DatabaseOf<[typeof intAccountSegments]>>(
  qb: QueryCreator<DB> | Kysely<DB>,
) {
  return (
    (qb as unknown as QueryCreator<DatabaseOf<[typeof intAccountSegments]>>)
      .selectFrom('int_account_segments')
      .select('segment')
      .distinct()
      // Sorted as the segment table before it was: a join's row order feeds the DOUBLE sums of the revenue
      // marts, and at 10k accounts a hash-ordered axis changed their last bits.
      .orderBy('segment')
  );
}

/**
 * The roll-up of this model as a join condition on the segment axis: an account whose own segment is
 * `accountSegment` counts in `reportingSegment` when that is its own segment or `all` (SQL
 * `g.segment in (a.segment, 'all')`). The revenue marts join `reportingSegments` with it instead of joining
 * `int_account_segments` on account_id: a hash join with two matches per fact row may hand a group its rows
 * in another order, and their DOUBLE sums depend on that order in the last bits.
 */
export function countsInSegment<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  reportingSegment: StringReference<DB, TB>,
  accountSegment: StringReference<DB, TB>,
) {
  // Both are text columns; Kysely cannot infer that from a generic reference, so they are named as such.
  const reporting = eb.ref(reportingSegment) as Expression<string>;
  const own = eb.ref(accountSegment) as Expression<string>;
  return eb(reporting, 'in', [own, eb.val(ALL_GROUPS)]);
}
