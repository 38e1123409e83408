import {
  acceptedValues,
  asDate,
  dateValue,
  defineModel,
  integerValue,
  minusDays,
  monthStart,
  monthsBetween,
  plusDays,
  plusMonths,
  unnestSeries,
} from '@pulse/core';
import { z } from 'zod';
import type { PulseVars } from '../config.js';
import { stgSubscriptions } from '../staging/stg_subscriptions.js';

/**
 * Renewal dates are counted from the term start directly (term start + 3k or 12k months, clamped to the
 * month's last day by DuckDB's interval arithmetic), never by adding months to the previous renewal,
 * so a term starting on the 31st does not drift to the 28th. A candidate date counts only when the
 * contract period in effect the day before bills at that cadence, so a switch from quarterly to annual
 * billing stops the quarterly dates. Every multiple of 12 months is also a multiple of 3, so the
 * candidates are the multiples of 3 months, annual periods keeping only the multiples of 12.
 * `renewals_monthly` counts these rows; the account pages list them.
 */
export const renewals = defineModel({
  name: 'renewals',
  layer: 'marts',
  materialized: 'table',
  description:
    'Every renewal date of a quarterly or annual contract up to the as-of date, per subscription, with its outcome: renewed, lost or still within the grace period.',
  grain: ['subscription_id', 'renewal_date'],
  columns: z.object({
    subscription_id: z.string().describe('Subscription whose contract term reached the renewal date.'),
    account_id: z.string().describe('Account of the subscription.'),
    renewal_date: z.iso
      .date()
      .describe(
        'Renewal date: the term start plus a whole number of quarters or years, up to the as-of date.',
      ),
    month: z.iso.date().describe('First day of the month of the renewal date.'),
    status: z
      .string()
      .describe(
        '`renewed` (the account paid on some day from the renewal date through config `renewal_grace_days` after it), `lost` (it did not, and the grace period is over) or `pending` (not renewed yet, grace period running past the as-of date).',
      ),
  }),
  tests: [acceptedValues('status', ['renewed', 'lost', 'pending'])],
  inputs: [stgSubscriptions],
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
          'd.subscription_id',
          'd.account_id',
          'd.renewal_date',
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
      .selectFrom('judged')
      .select((eb) => [
        'subscription_id',
        'account_id',
        'renewal_date',
        'month',
        eb
          .case()
          .when('renewed', '=', true)
          .then('renewed')
          .when('grace_over', '=', true)
          .then('lost')
          .else('pending')
          .end()
          .as('status'),
      ]);
  },
});
