import {
  asDate,
  countOrZero,
  countWhere,
  dateValue,
  defineModel,
  expression,
  integerValue,
  minusDays,
  monthStart,
  monthsBetween,
  plusDays,
  plusMonths,
  safeRatio,
  unnestSeries,
} from '@pulse/core';
import { z } from 'zod';
import type { PulseVars } from '../config.js';
import {
  countsInSegment,
  intAccountSegments,
  reportingSegments,
} from '../intermediate/int_account_segments.js';
import { intMonthSpine } from '../intermediate/int_month_spine.js';
import { stgAccounts } from '../staging/stg_accounts.js';
import { stgSubscriptions } from '../staging/stg_subscriptions.js';
import { allRowIsSumOfParts } from './all-row-is-sum-of-parts.js';

/**
 * Renewal dates are counted from the term start directly (term start + 3k or 12k months, clamped to the
 * month's last day by DuckDB's interval arithmetic), never by adding months to the previous renewal,
 * so a term starting on the 31st does not drift to the 28th. A candidate date counts only when the
 * contract period in effect the day before bills at that cadence, so a switch from quarterly to annual
 * billing stops the quarterly dates. Every multiple of 12 months is also a multiple of 3, so the
 * candidates are the multiples of 3 months, annual periods keeping only the multiples of 12.
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
  inputs: [intAccountSegments, intMonthSpine, stgAccounts, stgSubscriptions],
  build: (db, { vars }: { vars: PulseVars }) => {
    const asOf = dateValue(vars.asOf);
    const grace = integerValue(vars.renewalGraceDays);
    return db
      .with('contract_periods', (qb) =>
        qb
          .selectFrom('stg_subscriptions')
          .select(['subscription_id', 'account_id', 'billing_interval', 'start_date', 'end_date'])
          .where('is_trial', '=', false)
          .where('amount', '>', 0)
          .where('billing_interval', 'in', ['quarter', 'year']),
      )
      .with('terms', (qb) =>
        qb
          .selectFrom('contract_periods')
          .select((eb) => ['subscription_id', 'account_id', eb.fn.min('start_date').as('term_start')])
          .groupBy(['subscription_id', 'account_id']),
      )
      .with('offsets', (qb) =>
        qb
          .selectFrom('terms')
          .select((eb) => [
            'subscription_id',
            'account_id',
            'term_start',
            unnestSeries(eb.lit(3), eb(monthsBetween(eb, 'term_start', asOf), '+', eb.lit(3)), eb.lit(3)).as(
              'months_after',
            ),
          ]),
      )
      .with('candidates', (qb) =>
        qb
          .selectFrom('offsets')
          .select((eb) => [
            'subscription_id',
            'account_id',
            'months_after',
            asDate(plusMonths(eb, 'term_start', 'months_after')).as('renewal_date'),
          ]),
      )
      .with('due', (qb) =>
        qb
          .selectFrom('candidates as c')
          .innerJoin('contract_periods as p', (join) =>
            join
              .onRef('p.subscription_id', '=', 'c.subscription_id')
              .onRef('p.account_id', '=', 'c.account_id')
              .on((eb) => eb('p.start_date', '<=', minusDays(eb, 'c.renewal_date', 1)))
              .on((eb) =>
                eb.or([
                  eb('p.end_date', 'is', null),
                  eb(minusDays(eb, 'c.renewal_date', 1), '<', eb.ref('p.end_date')),
                ]),
              )
              .on((eb) =>
                eb.or([
                  eb('p.billing_interval', '=', 'quarter'),
                  eb(eb('c.months_after', '%', eb.lit(12)), '=', eb.lit(0)),
                ]),
              ),
          )
          .where('c.renewal_date', '<=', asOf)
          .select(['c.subscription_id', 'c.account_id', 'c.renewal_date']),
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
          .innerJoin(reportingSegments(qb).as('g'), (join) =>
            join.on((eb) => countsInSegment(eb, 'g.segment', 'a.segment')),
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
          .crossJoin(reportingSegments(qb).as('g'))
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
