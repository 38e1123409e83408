import {
  acceptedValues,
  asDouble,
  calendarDaysBetween,
  dateValue,
  defineModel,
  expression,
  monthStart,
} from '@pulse/core';
import { z } from 'zod';
import type { PulseVars } from '../config.js';
import { intAccountDailyActivity } from '../intermediate/int_account_daily_activity.js';
import { intRenewalDates } from '../intermediate/int_renewal_dates.js';
import { stgAccounts } from '../staging/stg_accounts.js';
import { healthScores } from './health_scores.js';
import { HEALTH_BANDS } from './health-bands.js';

/**
 * The renewal forecast a CS lead reviews weekly: every renewal date in (as_of, as_of + 90 days], with what
 * is at stake and how healthy the account looks today. Health is the as-of month's score (what is known
 * today), so an account not paying in the as-of month has no band rather than an old one.
 */
export const renewalsUpcoming = defineModel({
  name: 'renewals_upcoming',
  layer: 'marts',
  materialized: 'table',
  description:
    'Renewals of quarterly and annual contracts falling due in the 90 days after the as-of date, with the ARR at stake, ' +
    "the account's health band and its last product activity.",
  grain: ['renewal_date', 'subscription_id'],
  columns: z.object({
    renewal_date: z.iso
      .date()
      .describe('Renewal date of the contract term, from the day after the as-of date to 90 days after it.'),
    subscription_id: z.string().describe('Subscription whose contract term renews.'),
    account_id: z.string().describe('Account that holds the subscription.'),
    account_name: z.string().nullable().describe('Display name of the account.'),
    segment: z.string().describe('Current customer segment of the account.'),
    billing_interval: z.string().describe('Billing interval of the contract being renewed: quarter or year.'),
    days_until_renewal: z
      .number()
      .describe('Calendar days from the as-of date to the renewal date (1 to 90).'),
    arr_at_stake: z
      .number()
      .describe(
        'Annual recurring revenue of the contract being renewed (12 × the MRR of the period in effect the day ' +
          'before the renewal date), in the reporting currency.',
      ),
    health_score: z
      .number()
      .nullable()
      .describe("The account's health score in the as-of month; empty when it does not pay in that month."),
    health_band: z
      .string()
      .nullable()
      .describe(
        "The account's health band in the as-of month (`critical`, `at_risk`, `healthy`); empty when it does not pay in that month.",
      ),
    days_since_last_activity: z
      .number()
      .nullable()
      .describe(
        "Calendar days from the account's latest product event to the as-of date (0 when active that day); empty without events.",
      ),
  }),
  tests: [
    expression('days_until_renewal between 1 and 90', { name: 'renewals_upcoming_within_window' }),
    expression('arr_at_stake >= 0', { name: 'renewals_upcoming_arr_not_negative' }),
    expression('days_since_last_activity is null or days_since_last_activity >= 0', {
      name: 'renewals_upcoming_activity_not_after_as_of',
    }),
    acceptedValues('billing_interval', ['quarter', 'year']),
    acceptedValues('health_band', HEALTH_BANDS),
  ],
  inputs: [healthScores, intAccountDailyActivity, intRenewalDates, stgAccounts],
  build: (db, { vars }: { vars: PulseVars }) => {
    const asOf = dateValue(vars.asOf);
    return db
      .with('last_activity', (qb) =>
        qb
          .selectFrom('int_account_daily_activity')
          .where('activity_date', '<=', asOf)
          .select((eb) => ['account_id', eb.fn.max('activity_date').as('last_activity_date')])
          .groupBy('account_id'),
      )
      .with('health_now', (qb) =>
        qb
          .selectFrom('health_scores')
          .where((eb) => eb('month', '=', monthStart(eb, asOf)))
          .select(['account_id', 'score', 'band']),
      )
      .selectFrom('int_renewal_dates as r')
      .innerJoin('stg_accounts as a', 'a.account_id', 'r.account_id')
      .leftJoin('health_now as h', 'h.account_id', 'r.account_id')
      .leftJoin('last_activity as l', 'l.account_id', 'r.account_id')
      .where('r.renewal_date', '>', asOf)
      .select((eb) => [
        'r.renewal_date',
        'r.subscription_id',
        'r.account_id',
        'a.name as account_name',
        'a.segment',
        'r.billing_interval',
        asDouble(calendarDaysBetween(eb, asOf, 'r.renewal_date')).as('days_until_renewal'),
        asDouble(eb('r.contract_mrr', '*', eb.lit(12))).as('arr_at_stake'),
        'h.score as health_score',
        'h.band as health_band',
        asDouble(calendarDaysBetween(eb, 'l.last_activity_date', asOf)).as('days_since_last_activity'),
      ]);
  },
});
