import {
  countOrZero,
  dateValue,
  dayOfMonth,
  defineModel,
  expression,
  moneyOrZero,
  safeRatio,
  snapshotDay,
  truncateToMonth,
  unnestMonths,
} from '@pulse/core';
import { z } from 'zod';
import type { PulseVars } from '../config.js';
import { intAccountDailyActivity } from '../intermediate/int_account_daily_activity.js';
import { intAccountSegments, reportingSegments } from '../intermediate/int_account_segments.js';
import { allRowIsSumOfParts } from './all-row-is-sum-of-parts.js';
import { engagementAccountMonths } from './engagement_account_months.js';

/**
 * Months run from the first month with any event (which may precede the first paying month) to the
 * as-of month, for every segment; quiet months show zeros, not gaps.
 */
export const engagementMonthly = defineModel({
  name: 'engagement_monthly',
  layer: 'marts',
  materialized: 'table',
  description:
    'Product engagement per month and segment (plus `all`), from the first month with an event to the as-of month. ' +
    'A user is an account–user pair.',
  grain: ['month', 'segment'],
  columns: z.object({
    month: z.iso.date().describe('Calendar month (first day, UTC).'),
    segment: z.string().describe('Customer segment, or `all` for every account.'),
    active_accounts: z.int().describe('Accounts with at least one product event in the month.'),
    mau: z.int().describe('Monthly active users: distinct users with at least one event in the month.'),
    avg_dau: z
      .number()
      .describe(
        'Average daily active users: the mean, over every day from the 1st of the month to the snapshot day ' +
          '(month end, or as_of in the current month), of distinct users active that day; days without activity count as 0.',
      ),
    stickiness: z
      .number()
      .nullable()
      .describe('avg_dau / mau: the share of monthly users active on a typical day. Empty when mau is 0.'),
    events: z.int().describe('Product events in the month (a repeated event_id counts once).'),
  }),
  tests: [
    // avg_dau is additive too (a user is in one account, so one segment), but Σ(u_s / days) and (Σ u_s) / days
    // may differ in the last bits: the test compares doubles to 1e-9 of their size.
    allRowIsSumOfParts('engagement_monthly', ['month'], 'segment', [
      'active_accounts',
      'mau',
      'events',
      'avg_dau',
    ]),
    expression('active_accounts <= mau and avg_dau <= mau'),
    expression('stickiness is null or stickiness between 0 and 1'),
  ],
  inputs: [engagementAccountMonths, intAccountDailyActivity, intAccountSegments],
  build: (db, { vars }: { vars: PulseVars }) =>
    db
      .with('months', (qb) =>
        qb
          .selectFrom('engagement_account_months')
          .select((eb) =>
            unnestMonths(eb.fn.min('month'), truncateToMonth(eb, dateValue(vars.asOf))).as('month'),
          ),
      )
      .with('monthly_usage', (qb) =>
        qb
          .selectFrom('engagement_account_months as e')
          .innerJoin('int_account_segments as s', 's.account_id', 'e.account_id')
          .select((eb) => [
            'e.month',
            's.segment',
            eb.fn.countAll<number>().as('active_accounts'),
            eb.fn.sum<number>('e.active_users').as('mau'),
            eb.fn.sum<number>('e.events').as('events'),
          ])
          .groupBy(['e.month', 's.segment']),
      )
      .with('daily_usage', (qb) =>
        qb
          .selectFrom('int_account_daily_activity as d')
          .innerJoin('int_account_segments as s', 's.account_id', 'd.account_id')
          // Σ over days of that day's users = Σ over account-days of the account's users (G9 pairs).
          .select((eb) => [
            'd.activity_month as month',
            's.segment',
            eb.fn.sum<number>('d.active_users').as('user_days'),
          ])
          .groupBy(['d.activity_month', 's.segment']),
      )
      .selectFrom('months as m')
      .crossJoin(reportingSegments(db).as('g'))
      .leftJoin('monthly_usage as u', (join) =>
        join.onRef('u.month', '=', 'm.month').onRef('u.segment', '=', 'g.segment'),
      )
      .leftJoin('daily_usage as d', (join) =>
        join.onRef('d.month', '=', 'm.month').onRef('d.segment', '=', 'g.segment'),
      )
      .select((eb) => {
        const daysToSnapshot = dayOfMonth(snapshotDay(eb, 'm.month', vars.asOf));
        const avgDau = () => eb(moneyOrZero(eb, 'd.user_days'), '/', daysToSnapshot);
        return [
          'm.month',
          'g.segment',
          countOrZero(eb, 'u.active_accounts').as('active_accounts'),
          countOrZero(eb, 'u.mau').as('mau'),
          avgDau().as('avg_dau'),
          safeRatio(eb, avgDau(), 'u.mau').as('stickiness'),
          countOrZero(eb, 'u.events').as('events'),
        ];
      }),
});
