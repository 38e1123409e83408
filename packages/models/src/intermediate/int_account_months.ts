import {
  asDate,
  defineModel,
  moneyOrZero,
  sumInSortedOrder,
  toSignificantDigits,
  truncateToMonth,
} from '@pulse/core';
import { z } from 'zod';
import type { PulseVars } from '../config.js';
import { onDates } from '../staging/event-partitions.js';
import { stgSubscriptions } from '../staging/stg_subscriptions.js';
import { changedRevenueMonths } from './changed-revenue-months.js';
import { intMonthSpine } from './int_month_spine.js';

/**
 * Significant digits of an account's MRR: every cent of an MRR up to a trillion, and within 1e-13 of the
 * double (100 a year is 8.3333333333333 a month), while the few units in the last place that a division or
 * a sum of several periods leaves (up to ~3e-14 relative) are still absorbed.
 */
const MRR_DIGITS = 14;

/**
 * MRR is a snapshot: the periods in effect on snap(m), every subscription of the account added up.
 * Periods are matched to the (short) month spine first, so the account grid joins them on equality only.
 * The amounts are summed in sorted order so the same set of periods gives a bit-identical MRR from month
 * to month, whatever order the engine meets them in (a floating-point wobble would read as expansion or
 * contraction). The sum is then held to 14 significant digits, so periods that change but add up to the
 * same amount in decimals give the same MRR too: an annual 358.80 (358.80 / 12 = 29.900000000000002 in
 * binary floating point) followed by a monthly 29.90 is no contraction, two periods of 10.10 and 20.20
 * merged into one of 30.30 no expansion.
 */
export const intAccountMonths = defineModel({
  name: 'int_account_months',
  layer: 'intermediate',
  materialized: 'table',
  description:
    'One row per account with a paying subscription period and month of the revenue range from the month its first paying period starts, with its MRR on the snapshot day.',
  grain: ['account_id', 'month'],
  columns: z.object({
    account_id: z.string().describe('Account identifier.'),
    month: z.iso.date().describe('First day of the month.'),
    mrr: z
      .number()
      .describe(
        'Monthly recurring revenue of the account on the snapshot day of the month, all subscriptions added up (held to 14 significant digits, so amounts equal in decimals are equal).',
      ),
  }),
  // A refresh rebuilds the months from the earliest one a changed period or the as_of move can reach
  // (changed-revenue-months.ts): a nightly export's new periods start in the as_of month, the only one rebuilt.
  partitionBy: { column: 'month', uniqueKeysWithinPartition: true, changed: changedRevenueMonths },
  inputs: [intMonthSpine, stgSubscriptions],
  build: (db, { partitions }: { vars: PulseVars; partitions?: readonly string[] }) =>
    db
      .with('paying_periods', (qb) => qb.selectFrom('stg_subscriptions').selectAll().where('mrr', '>', 0))
      .with('paying_accounts', (qb) =>
        qb
          .selectFrom('paying_periods')
          .select((eb) => [
            'account_id',
            asDate(eb.fn.min(truncateToMonth(eb, 'start_date'))).as('first_month'),
          ])
          .groupBy('account_id'),
      )
      .with('period_months', (qb) =>
        qb
          .selectFrom('paying_periods as p')
          .innerJoin('int_month_spine as m', (join) =>
            join
              .onRef('p.start_date', '<=', 'm.snapshot_date')
              .on((eb) =>
                eb.or([eb('p.end_date', 'is', null), eb('m.snapshot_date', '<', eb.ref('p.end_date'))]),
              ),
          )
          .select(['p.account_id', 'm.month', 'p.mrr'])
          .$if(partitions !== undefined, (q) => q.where(onDates('m.month', partitions!))),
      )
      .selectFrom('paying_accounts as a')
      .innerJoin('int_month_spine as m', (join) => join.onRef('m.month', '>=', 'a.first_month'))
      .$if(partitions !== undefined, (q) => q.where(onDates('m.month', partitions!)))
      .leftJoin('period_months as pm', (join) =>
        join.onRef('pm.account_id', '=', 'a.account_id').onRef('pm.month', '=', 'm.month'),
      )
      .select((eb) => [
        'a.account_id',
        'm.month',
        moneyOrZero(eb, toSignificantDigits(sumInSortedOrder(eb, 'pm.mrr'), MRR_DIGITS)).as('mrr'),
      ])
      .groupBy(['a.account_id', 'm.month']),
});
