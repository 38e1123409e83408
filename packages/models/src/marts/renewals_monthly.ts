import {
  countOrZero,
  countWhere,
  dateValue,
  defineModel,
  expression,
  integerValue,
  monthStart,
  plusDays,
  safeRatio,
} from '@pulse/core';
import { z } from 'zod';
import type { PulseVars } from '../config.js';
import { intMonthSpine } from '../intermediate/int_month_spine.js';
import { intRenewalDates } from '../intermediate/int_renewal_dates.js';
import { intSegments } from '../intermediate/int_segments.js';
import { stgAccounts } from '../staging/stg_accounts.js';
import { stgSubscriptions } from '../staging/stg_subscriptions.js';
import { allRowIsSumOfParts } from './all-row-is-sum-of-parts.js';

/**
 * Renewal dates come from `int_renewal_dates` (the one definition, shared with `renewals_upcoming`); this mart
 * keeps those up to as_of and judges each by the account's payments during the grace period after it.
 */
export const renewalsMonthly = defineModel({
  name: 'renewals_monthly',
  layer: 'marts',
  materialized: 'table',
  description:
    'Renewals of quarterly and annual contracts falling due each month, per segment: renewed, lost or still within the grace period.',
  grain: ['month', 'segment'],
  columns: z.object({
    month: z.iso.date().describe('First day of the month in which the renewal dates fall.'),
    segment: z.string().describe('Customer segment, or `all` for every account.'),
    renewals_due: z
      .int()
      .describe(
        'Quarterly or annual contract terms that reached a renewal date this month, up to the as-of date.',
      ),
    renewed: z
      .int()
      .describe(
        'Renewals whose account was paying on some day from the renewal date through the grace period.',
      ),
    lost: z
      .int()
      .describe('Renewals whose account did not pay during the whole grace period after the renewal date.'),
    pending: z.int().describe('Renewals not renewed yet whose grace period runs past the as-of date.'),
    renewal_rate: z
      .number()
      .nullable()
      .describe('Renewed / (renewed + lost): pending renewals are not counted yet.'),
  }),
  tests: [
    expression('renewals_due = renewed + lost + pending', { name: 'renewals_monthly_outcomes_add_up' }),
    allRowIsSumOfParts('renewals_monthly', ['month'], 'segment', [
      'renewals_due',
      'renewed',
      'lost',
      'pending',
    ]),
  ],
  inputs: [intMonthSpine, intRenewalDates, intSegments, stgAccounts, stgSubscriptions],
  build: (db, { vars }: { vars: PulseVars }) => {
    const asOf = dateValue(vars.asOf);
    const grace = integerValue(vars.renewalGraceDays);
    return db
      .with('due', (qb) =>
        qb
          .selectFrom('int_renewal_dates')
          .where('renewal_date', '<=', asOf)
          .select(['subscription_id', 'account_id', 'renewal_date']),
      )
      .with('judged', (qb) =>
        qb.selectFrom('due as d').select((eb) => [
          'd.account_id',
          monthStart(eb, 'd.renewal_date').as('month'),
          eb
            .exists(
              eb
                .selectFrom('stg_subscriptions as q')
                .select(eb.lit(1).as('one'))
                .whereRef('q.account_id', '=', 'd.account_id')
                .where('q.mrr', '>', 0)
                .where((eb) =>
                  eb(
                    'q.start_date',
                    '<=',
                    eb.fn<string>('least', [plusDays(eb, 'd.renewal_date', grace), asOf]),
                  ),
                )
                .where((eb) =>
                  eb.or([eb('q.end_date', 'is', null), eb('q.end_date', '>', eb.ref('d.renewal_date'))]),
                ),
            )
            .as('renewed'),
          eb(plusDays(eb, 'd.renewal_date', grace), '<=', asOf).as('grace_over'),
        ]),
      )
      .with('totals', (qb) =>
        qb
          .selectFrom('judged as j')
          .innerJoin('stg_accounts as a', 'a.account_id', 'j.account_id')
          .innerJoin('int_segments as g', (join) =>
            join.on((eb) => eb('g.segment', 'in', [eb.ref('a.segment'), eb.val('all')])),
          )
          .select((eb) => [
            'j.month',
            'g.segment',
            eb.fn.countAll<number>().as('renewals_due'),
            countWhere(eb, eb.ref('j.renewed')).as('renewed'),
            countWhere(eb, eb.and([eb.not(eb.ref('j.renewed')), eb.ref('j.grace_over')])).as('lost'),
            countWhere(eb, eb.and([eb.not(eb.ref('j.renewed')), eb.not(eb.ref('j.grace_over'))])).as(
              'pending',
            ),
          ])
          .groupBy(['j.month', 'g.segment']),
      )
      .with('filled', (qb) =>
        qb
          .selectFrom('int_month_spine as m')
          .crossJoin('int_segments as g')
          .leftJoin('totals as t', (join) =>
            join.onRef('t.month', '=', 'm.month').onRef('t.segment', '=', 'g.segment'),
          )
          .select((eb) => [
            'm.month',
            'g.segment',
            countOrZero(eb, 't.renewals_due').as('renewals_due'),
            countOrZero(eb, 't.renewed').as('renewed'),
            countOrZero(eb, 't.lost').as('lost'),
            countOrZero(eb, 't.pending').as('pending'),
          ]),
      )
      .selectFrom('filled')
      .select((eb) => [
        'month',
        'segment',
        'renewals_due',
        'renewed',
        'lost',
        'pending',
        safeRatio(eb, 'renewed', eb('renewed', '+', eb.ref('lost'))).as('renewal_rate'),
      ]);
  },
});
