import { acceptedValues, dateValue, defineModel, integerValue, monthStart, plusDays } from '@pulse/core';
import { z } from 'zod';
import type { PulseVars } from '../config.js';
import { intRenewalDates } from '../intermediate/int_renewal_dates.js';
import { stgSubscriptions } from '../staging/stg_subscriptions.js';

/**
 * Every renewal date up to as_of (the dates themselves come from `int_renewal_dates`, the one definition
 * shared with `renewals_upcoming`), judged by the account's payments during the grace period after it.
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
  inputs: [intRenewalDates, stgSubscriptions],
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
