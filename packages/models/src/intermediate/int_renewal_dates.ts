import {
  asDate,
  dateValue,
  defineModel,
  minusDays,
  moneyOrZero,
  monthsBetween,
  plusMonths,
  unnestSeries,
} from '@pulse/core';
import { z } from 'zod';
import type { PulseVars } from '../config.js';
import { stgSubscriptions } from '../staging/stg_subscriptions.js';

/** How far past as_of renewal dates are listed: the window of `renewals_upcoming`. */
export const UPCOMING_RENEWAL_DAYS = 90;

/**
 * The one definition of a renewal date (METRICS.md "Renewals"), shared by `renewals_monthly` (dates up to
 * as_of) and `renewals_upcoming` (the dates of the next 90 days).
 *
 * Renewal dates are counted from the term start directly (term start + 3k or 12k months, clamped to the
 * month's last day by DuckDB's interval arithmetic), never by adding months to the previous renewal,
 * so a term starting on the 31st does not drift to the 28th. A candidate date counts only when the
 * contract period in effect the day before bills at that cadence, so a switch from quarterly to annual
 * billing stops the quarterly dates. Every multiple of 12 months is also a multiple of 3, so the
 * candidates are the multiples of 3 months, annual periods keeping only the multiples of 12. Periods of one
 * subscription never overlap (the contract quarantines the later one), so each date has one period.
 */
export const intRenewalDates = defineModel({
  name: 'int_renewal_dates',
  layer: 'intermediate',
  materialized: 'table',
  description:
    'Renewal dates of quarterly and annual contract terms, up to 90 days after the as-of date, with the contract period they renew.',
  grain: ['subscription_id', 'renewal_date'],
  columns: z.object({
    subscription_id: z.string().describe('Subscription whose contract term renews.'),
    account_id: z.string().describe('Account that holds the subscription.'),
    renewal_date: z.iso
      .date()
      .describe(
        'Term start + a multiple of the billing interval (3 or 12 months), clamped to the month end.',
      ),
    billing_interval: z
      .string()
      .describe('Billing interval of the contract period in effect the day before: quarter or year.'),
    contract_mrr: z
      .number()
      .describe(
        'MRR of the contract period in effect the day before, in the reporting currency (0 when unknown).',
      ),
  }),
  inputs: [stgSubscriptions],
  build: (db, { vars }: { vars: PulseVars }) => {
    const horizon = dateValue(upcomingHorizon(vars.asOf));
    return db
      .with('contract_periods', (qb) =>
        qb
          .selectFrom('stg_subscriptions')
          .select(['subscription_id', 'account_id', 'billing_interval', 'start_date', 'end_date', 'mrr'])
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
            unnestSeries(
              eb.lit(3),
              eb(monthsBetween(eb, 'term_start', horizon), '+', eb.lit(3)),
              eb.lit(3),
            ).as('months_after'),
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
      .where('c.renewal_date', '<=', horizon)
      .select((eb) => [
        'c.subscription_id',
        'c.account_id',
        'c.renewal_date',
        'p.billing_interval',
        moneyOrZero(eb, 'p.mrr').as('contract_mrr'),
      ]);
  },
});

/**
 * The last day of the upcoming window, `YYYY-MM-DD`: as_of + 90 days (UTC calendar days), at most
 * 9999-12-31. Past it JavaScript writes the year with six digits (`+010000-03-30`), which no date column
 * reads: an as_of set by a placeholder date such as 9999-12-31 failed the whole build here.
 */
export function upcomingHorizon(asOf: string): string {
  const day = new Date(`${asOf}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + UPCOMING_RENEWAL_DAYS);
  return day.getUTCFullYear() > 9999 ? '9999-12-31' : day.toISOString().slice(0, 10);
}
