import { asInteger, defineModel, expression } from '@pulse/core';
import { sql } from 'kysely';
import { z } from 'zod';
import {
  countsInSegment,
  intAccountSegments,
  reportingSegments,
} from '../intermediate/int_account_segments.js';
import { onDates } from '../staging/event-partitions.js';
import { stgAccounts } from '../staging/stg_accounts.js';
import { changedMoverMonths } from './mover-months.js';
import { mrrAccountMonths } from './mrr_account_months.js';
import { mrrMonthly } from './mrr_monthly.js';

/** Each movement of `mrr_account_months` and the `mrr_monthly` columns that total it (amount, accounts). */
export const MOVEMENT_TOTALS = [
  { movement: 'new', amount: 'new_mrr', accounts: 'new_accounts' },
  { movement: 'reactivation', amount: 'reactivation_mrr', accounts: 'reactivated_accounts' },
  { movement: 'expansion', amount: 'expansion_mrr', accounts: null },
  { movement: 'contraction', amount: 'contraction_mrr', accounts: null },
  { movement: 'churn', amount: 'churned_mrr', accounts: 'churned_accounts' },
] as const;

/**
 * An account's movement counts in its current segment and in `all`, as in `mrr_monthly` (G5), so each
 * segment's list is exactly the accounts behind that segment's waterfall bars. `mrr_monthly` is an input
 * only for the data test, which compares the two: it must be built first, and a change to it re-checks
 * the movers.
 */
export const mrrMovers = defineModel({
  name: 'mrr_movers',
  layer: 'marts',
  materialized: 'table',
  description:
    'The accounts behind each MRR movement: one row per month, segment (and `all`), movement and account that moved, with the amount it moved; the amounts of a month, segment and movement add up to that bar of `mrr_monthly`.',
  grain: ['month', 'segment', 'movement', 'account_id'],
  columns: z.object({
    month: z.iso.date().describe('First day of the month.'),
    segment: z
      .string()
      .describe('Customer segment (the account’s current one), or `all`: each mover appears in both.'),
    movement: z
      .string()
      .describe(
        'The account’s MRR movement this month: `new`, `reactivation`, `expansion`, `contraction` or `churn` (accounts whose MRR did not move are not listed).',
      ),
    account_id: z.string().describe('Account identifier.'),
    account_name: z.string().nullable().describe('Display name of the account.'),
    mrr_change: z
      .number()
      .describe(
        'What the account added to (> 0) or removed from (< 0) MRR this month: its MRR minus last month’s; summed over the movement it is that bar of `mrr_monthly`.',
      ),
    prev_mrr: z.number().describe('MRR of the account at the end of the previous month.'),
    mrr: z
      .number()
      .describe('MRR of the account at the end of the month (on the as-of date in the current month).'),
    rank: z
      .int()
      .describe(
        'Position of the account within its month, segment and movement, largest amount (in absolute value) first, ties by account id: 1 is the biggest mover.',
      ),
  }),
  tests: [
    expression('mrr_change <> 0', { name: 'mrr_movers_every_mover_moved' }),
    expression(
      `(movement in ('new', 'reactivation', 'expansion') and mrr_change > 0) or (movement in ('contraction', 'churn') and mrr_change < 0)`,
      { name: 'mrr_movers_sign_follows_movement' },
    ),
    // The movers' amounts summed per month, segment and movement must give `mrr_monthly`'s bar to the cent
    // (less than half a cent apart: the two sums add the same doubles in different orders), and the number
    // of movers its account count where it has one. Starting from `mrr_monthly` catches a bar with no
    // movers; the full join catches movers without a bar. `db` is typed by the model (mrr_monthly is an
    // input), so the relations and the columns named as strings are checked; the unpivoted movement
    // columns, `sql.ref` of MOVEMENT_TOTALS' names, are not.
    // Raw sql stays for the sums and the comparison: the restated check must not share the build's helpers.
    {
      kind: 'custom',
      name: 'mrr_movers_add_up_to_mrr_monthly',
      query: (db) =>
        db
          .with('bars', () =>
            MOVEMENT_TOTALS.map(({ movement, amount, accounts }) =>
              db
                .selectFrom('mrr_monthly')
                .select([
                  'month',
                  'segment',
                  sql.lit(movement).as('movement'),
                  sql.ref(amount).as('amount'),
                  (accounts ? sql.ref(accounts) : sql`null`).as('accounts'),
                ]),
            ).reduce((all, bar) => all.unionAll(bar)),
          )
          .with('movers', (qb) =>
            qb
              .selectFrom('mrr_movers')
              .select([
                'month',
                'segment',
                'movement',
                sql`sum(mrr_change)`.as('amount'),
                sql`count(*)`.as('accounts'),
              ])
              .groupBy(['month', 'segment', 'movement']),
          )
          .selectFrom('bars as b')
          .fullJoin('movers as m', (join) =>
            join
              .onRef('m.month', '=', 'b.month')
              .onRef('m.segment', '=', 'b.segment')
              .onRef('m.movement', '=', 'b.movement'),
          )
          .select([
            sql`coalesce(b.month, m.month)`.as('month'),
            sql`coalesce(b.segment, m.segment)`.as('segment'),
            sql`coalesce(b.movement, m.movement)`.as('movement'),
            sql`b.amount`.as('bar_amount'),
            sql`m.amount`.as('movers_amount'),
            sql`b.accounts`.as('bar_accounts'),
            sql`m.accounts`.as('movers_accounts'),
          ])
          .where(
            sql<boolean>`b.month is null
          or not (abs(coalesce(m.amount, 0) - b.amount) < 0.005)
          or (b.accounts is not null and b.accounts <> coalesce(m.accounts, 0))`,
          ),
    },
  ],
  // A month's movers are ranked among that month's alone: a refresh rebuilds the months whose movements or
  // movers' accounts changed (mover-months.ts).
  partitionBy: { column: 'month', uniqueKeysWithinPartition: true, changed: changedMoverMonths },
  inputs: [mrrAccountMonths, stgAccounts, intAccountSegments, mrrMonthly],
  build: (db, { partitions }: { partitions?: readonly string[] }) =>
    db
      .selectFrom('mrr_account_months as r')
      .innerJoin('stg_accounts as a', 'a.account_id', 'r.account_id')
      .innerJoin(reportingSegments(db).as('g'), (join) =>
        join.on((eb) => countsInSegment(eb, 'g.segment', 'a.segment')),
      )
      .where('r.movement', '<>', 'none')
      .$if(partitions !== undefined, (q) => q.where(onDates('r.month', partitions!)))
      .select((eb) => [
        'r.month',
        'g.segment',
        'r.movement',
        'r.account_id',
        'a.name as account_name',
        'r.mrr_change',
        'r.prev_mrr',
        'r.mrr',
        asInteger(
          eb.fn.agg<number>('row_number', []).over((ob) =>
            ob
              .partitionBy(['r.month', 'g.segment', 'r.movement'])
              .orderBy(eb.fn('abs', ['r.mrr_change']), 'desc')
              .orderBy('r.account_id'),
          ),
        ).as('rank'),
      ]),
});
