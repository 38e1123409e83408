import { defineModel, expression } from '@pulse/core';
import { sql } from 'kysely';
import { z } from 'zod';
import type { PulseVars } from '../config.js';
import { intMonthSpine } from '../intermediate/int_month_spine.js';
import { intSegments } from '../intermediate/int_segments.js';
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
  inputs: [intMonthSpine, intSegments, stgAccounts, stgSubscriptions],
  build: (db, { vars }: { vars: PulseVars }) => {
    const asOf = sql<string>`${vars.asOf}::date`;
    const grace = sql<number>`${vars.renewalGraceDays}::integer`;
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
          .select(['subscription_id', 'account_id', sql<string>`min(start_date)`.as('term_start')])
          .groupBy(['subscription_id', 'account_id']),
      )
      .with('offsets', (qb) =>
        qb
          .selectFrom('terms')
          .select([
            'subscription_id',
            'account_id',
            'term_start',
            sql<number>`unnest(generate_series(3, datediff('month', term_start, ${asOf}) + 3, 3))`.as(
              'months_after',
            ),
          ]),
      )
      .with('candidates', (qb) =>
        qb
          .selectFrom('offsets')
          .select([
            'subscription_id',
            'account_id',
            'months_after',
            sql<string>`(term_start + to_months(months_after))::date`.as('renewal_date'),
          ]),
      )
      .with('due', (qb) =>
        qb
          .selectFrom('candidates as c')
          .innerJoin('contract_periods as p', (join) =>
            join
              .onRef('p.subscription_id', '=', 'c.subscription_id')
              .onRef('p.account_id', '=', 'c.account_id')
              .on(sql<boolean>`p.start_date <= c.renewal_date - 1`)
              .on(sql<boolean>`(p.end_date is null or c.renewal_date - 1 < p.end_date)`)
              .on(sql<boolean>`(p.billing_interval = 'quarter' or c.months_after % 12 = 0)`),
          )
          .where('c.renewal_date', '<=', asOf)
          .select(['c.subscription_id', 'c.account_id', 'c.renewal_date']),
      )
      .with('judged', (qb) =>
        qb
          .selectFrom('due as d')
          .select((eb) => [
            'd.account_id',
            sql<string>`date_trunc('month', d.renewal_date)::date`.as('month'),
            eb
              .exists(
                eb
                  .selectFrom('stg_subscriptions as q')
                  .select(sql`1`.as('one'))
                  .whereRef('q.account_id', '=', 'd.account_id')
                  .where('q.mrr', '>', 0)
                  .where(sql<boolean>`q.start_date <= least(d.renewal_date + ${grace}, ${asOf})`)
                  .where(sql<boolean>`(q.end_date is null or q.end_date > d.renewal_date)`),
              )
              .as('renewed'),
            sql<boolean>`d.renewal_date + ${grace} <= ${asOf}`.as('grace_over'),
          ]),
      )
      .with('totals', (qb) =>
        qb
          .selectFrom('judged as j')
          .innerJoin('stg_accounts as a', 'a.account_id', 'j.account_id')
          .innerJoin('int_segments as g', (join) => join.on(sql<boolean>`g.segment in (a.segment, 'all')`))
          .select([
            'j.month',
            'g.segment',
            sql<number>`count(*)`.as('renewals_due'),
            sql<number>`count(*) filter (where j.renewed)`.as('renewed'),
            sql<number>`count(*) filter (where not j.renewed and j.grace_over)`.as('lost'),
            sql<number>`count(*) filter (where not j.renewed and not j.grace_over)`.as('pending'),
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
          .select([
            'm.month',
            'g.segment',
            sql<number>`coalesce(t.renewals_due, 0)::integer`.as('renewals_due'),
            sql<number>`coalesce(t.renewed, 0)::integer`.as('renewed'),
            sql<number>`coalesce(t.lost, 0)::integer`.as('lost'),
            sql<number>`coalesce(t.pending, 0)::integer`.as('pending'),
          ]),
      )
      .selectFrom('filled')
      .select([
        'month',
        'segment',
        'renewals_due',
        'renewed',
        'lost',
        'pending',
        sql<number | null>`renewed / nullif(renewed + lost, 0)`.as('renewal_rate'),
      ]);
  },
});
