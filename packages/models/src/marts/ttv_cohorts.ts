import {
  asDouble,
  countOrZero,
  countWhere,
  dateValue,
  defineModel,
  expression,
  quantileCont,
  truncateToMonth,
  unnestMonths,
} from '@pulse/core';
import { z } from 'zod';
import type { PulseVars } from '../config.js';
import { intAccountSegments, reportingSegments } from '../intermediate/int_account_segments.js';
import { allRowIsSumOfParts } from './all-row-is-sum-of-parts.js';
import { ttvAccounts } from './ttv_accounts.js';

/**
 * Built from ttv_accounts alone, so a missing events source (empty ttv_accounts) leaves no cohort rows.
 * Quantiles, never a mean: a few accounts that take months would drag a mean far from the typical account.
 */
export const ttvCohorts = defineModel({
  name: 'ttv_cohorts',
  layer: 'marts',
  materialized: 'table',
  description:
    'Time to value per signup month and segment (plus `all`), from the first signup month to the as-of month.',
  grain: ['signup_month', 'segment'],
  columns: z.object({
    signup_month: z.iso
      .date()
      .describe('Signup cohort: the month the accounts were created (first day, UTC).'),
    segment: z.string().describe('Customer segment, or `all` for every account.'),
    accounts: z.int().describe('Accounts that signed up in the month.'),
    reached_accounts: z.int().describe('Of those, accounts that have reached value by the as_of day.'),
    reached_rate: z
      .number()
      .nullable()
      .describe('reached_accounts / accounts. Empty when the cohort is empty.'),
    reached_7d_rate: z
      .number()
      .nullable()
      .describe(
        'Share of the cohort that reached value within 7 days of signup. Empty when the cohort is empty.',
      ),
    reached_30d_rate: z
      .number()
      .nullable()
      .describe(
        'Share of the cohort that reached value within 30 days of signup. Empty when the cohort is empty.',
      ),
    median_ttv_days: z
      .number()
      .nullable()
      .describe('Median time to value in days over the accounts that reached value (interpolated).'),
    p75_ttv_days: z
      .number()
      .nullable()
      .describe(
        '75th percentile of time to value in days over the accounts that reached value (interpolated).',
      ),
    p90_ttv_days: z
      .number()
      .nullable()
      .describe(
        '90th percentile of time to value in days over the accounts that reached value (interpolated).',
      ),
  }),
  tests: [
    allRowIsSumOfParts('ttv_cohorts', ['signup_month'], 'segment', ['accounts', 'reached_accounts']),
    expression('reached_accounts <= accounts'),
    expression(
      'reached_rate is null or (reached_7d_rate <= reached_30d_rate and reached_30d_rate <= reached_rate)',
    ),
    expression(
      'median_ttv_days is null or (median_ttv_days <= p75_ttv_days and p75_ttv_days <= p90_ttv_days)',
    ),
  ],
  inputs: [intAccountSegments, ttvAccounts],
  build: (db, { vars }: { vars: PulseVars }) =>
    db
      .with('months', (qb) =>
        qb
          .selectFrom('ttv_accounts')
          .select((eb) =>
            unnestMonths(eb.fn.min('signup_month'), truncateToMonth(eb, dateValue(vars.asOf))).as(
              'signup_month',
            ),
          ),
      )
      .with('cohorts', (qb) =>
        qb
          .selectFrom('ttv_accounts as t')
          .innerJoin('int_account_segments as s', 's.account_id', 't.account_id')
          .select((eb) => [
            't.signup_month',
            's.segment',
            eb.fn.countAll<number>().as('accounts'),
            countWhere(eb, eb.ref('t.reached')).as('reached_accounts'),
            countWhere(eb, eb('t.ttv_days', '<=', eb.lit(7))).as('reached_7d'),
            countWhere(eb, eb('t.ttv_days', '<=', eb.lit(30))).as('reached_30d'),
            // quantile_cont skips NULLs, i.e. the accounts that have not reached value.
            quantileCont(eb, 't.ttv_days', 0.5).as('median_ttv_days'),
            quantileCont(eb, 't.ttv_days', 0.75).as('p75_ttv_days'),
            quantileCont(eb, 't.ttv_days', 0.9).as('p90_ttv_days'),
          ])
          .groupBy(['t.signup_month', 's.segment']),
      )
      .selectFrom('months as m')
      .crossJoin(reportingSegments(db).as('g'))
      .leftJoin('cohorts as c', (join) =>
        join.onRef('c.signup_month', '=', 'm.signup_month').onRef('c.segment', '=', 'g.segment'),
      )
      .select((eb) => [
        'm.signup_month',
        'g.segment',
        countOrZero(eb, 'c.accounts').as('accounts'),
        countOrZero(eb, 'c.reached_accounts').as('reached_accounts'),
        // No nullif: a cohort row exists only with at least one account; a month without one has null counts.
        eb(asDouble(eb.ref('c.reached_accounts')), '/', eb.ref('c.accounts')).as('reached_rate'),
        eb(asDouble(eb.ref('c.reached_7d')), '/', eb.ref('c.accounts')).as('reached_7d_rate'),
        eb(asDouble(eb.ref('c.reached_30d')), '/', eb.ref('c.accounts')).as('reached_30d_rate'),
        'c.median_ttv_days',
        'c.p75_ttv_days',
        'c.p90_ttv_days',
      ]),
});
