import {
  asDouble,
  asInteger,
  countWhere,
  defineModel,
  exactSum,
  expression,
  moneyOrZero,
  monthsBetween,
  runningSum,
  safeRatio,
} from '@pulse/core';
import { z } from 'zod';
import {
  countsInSegment,
  intAccountSegments,
  reportingSegments,
} from '../intermediate/int_account_segments.js';
import { intOptionalSources } from '../intermediate/int_optional_sources.js';
import { stgAccounts } from '../staging/stg_accounts.js';
import { stgInvoices } from '../staging/stg_invoices.js';
import { allRowIsSumOfParts } from './all-row-is-sum-of-parts.js';
import { mrrAccountMonths } from './mrr_account_months.js';

/**
 * An account keeps its first cohort for life (a reactivation does not start a new one). Account rows run
 * from the first paying month to the as-of month without gaps, so every cohort account has exactly one
 * row at every age and a count of rows is the cohort size.
 */
export const cohortRetention = defineModel({
  name: 'cohort_retention',
  layer: 'marts',
  materialized: 'table',
  description:
    'Logo and revenue retention of each monthly cohort of new paying accounts, per segment and month of age, up to the as-of month.',
  grain: ['cohort_month', 'segment', 'months_since'],
  columns: z.object({
    cohort_month: z.iso.date().describe('Month in which the cohort’s accounts first paid.'),
    segment: z.string().describe('Customer segment, or `all` for every account.'),
    months_since: z.int().describe('Age of the cohort in months (0 = the cohort month).'),
    cohort_accounts: z.int().describe('Accounts in the cohort.'),
    active_accounts: z.int().describe('Cohort accounts paying at that age.'),
    logo_retention: z.number().describe('Share of the cohort’s accounts paying at that age.'),
    cohort_mrr: z.number().describe('MRR of the cohort in its first month.'),
    mrr: z.number().describe('MRR of the cohort’s accounts at that age.'),
    revenue_retention: z.number().nullable().describe('MRR at that age / MRR in the cohort month.'),
    cumulative_revenue_per_account: z
      .number()
      .nullable()
      .describe(
        'Paid invoices of the cohort’s accounts from the cohort month through the end of that age’s month, per cohort account; empty when no invoices were provided.',
      ),
  }),
  tests: [
    expression('months_since <> 0 or (logo_retention = 1 and abs(revenue_retention - 1) <= 1e-12)', {
      name: 'cohort_retention_is_whole_at_age_0',
    }),
    allRowIsSumOfParts('cohort_retention', ['cohort_month', 'months_since'], 'segment', [
      'cohort_accounts',
      'active_accounts',
      'cohort_mrr',
      'mrr',
    ]),
  ],
  inputs: [intAccountSegments, intOptionalSources, mrrAccountMonths, stgAccounts, stgInvoices],
  build: (db) =>
    db
      .with('cohorts', (qb) =>
        qb
          .selectFrom('mrr_account_months')
          .select(['account_id', 'month as cohort_month'])
          .where('movement', '=', 'new'),
      )
      .with('paid_by_month', (qb) =>
        qb
          .selectFrom('stg_invoices')
          .select((eb) => ['account_id', 'issued_month', exactSum(eb, 'amount_reporting').as('paid')])
          .where('status', '=', 'paid')
          .groupBy(['account_id', 'issued_month']),
      )
      .with('ages', (qb) =>
        qb
          .selectFrom('mrr_account_months as r')
          .innerJoin('cohorts as c', 'c.account_id', 'r.account_id')
          .innerJoin('stg_accounts as a', 'a.account_id', 'r.account_id')
          .innerJoin(reportingSegments(qb).as('g'), (join) =>
            join.on((eb) => countsInSegment(eb, 'g.segment', 'a.segment')),
          )
          .leftJoin('paid_by_month as p', (join) =>
            join.onRef('p.account_id', '=', 'r.account_id').onRef('p.issued_month', '=', 'r.month'),
          )
          .select((eb) => [
            'c.cohort_month',
            'g.segment',
            asInteger(monthsBetween(eb, 'c.cohort_month', 'r.month')).as('months_since'),
            asInteger(eb.fn.countAll()).as('cohort_accounts'),
            asInteger(countWhere(eb, eb('r.mrr', '>', eb.lit(0)))).as('active_accounts'),
            exactSum(eb, 'r.mrr').as('mrr'),
            moneyOrZero(eb, exactSum(eb, 'p.paid')).as('paid'),
          ])
          .groupBy(['c.cohort_month', 'g.segment', 'r.month']),
      )
      .with('anchored', (qb) =>
        qb
          .selectFrom('ages')
          .crossJoin('int_optional_sources as src')
          .where('src.source', '=', 'invoices')
          .select((eb) => [
            'cohort_month',
            'segment',
            'months_since',
            'cohort_accounts',
            'active_accounts',
            'mrr',
            eb.fn
              .agg<number>('first_value', ['mrr'])
              .over((ob) => ob.partitionBy(['cohort_month', 'segment']).orderBy('months_since'))
              .as('cohort_mrr'),
            eb
              .case()
              .when(eb.ref('src.is_present'))
              .then(
                runningSum(eb, 'paid', { partitionBy: ['cohort_month', 'segment'], orderBy: 'months_since' }),
              )
              .end()
              .as('cumulative_paid'),
          ]),
      )
      .selectFrom('anchored')
      .select((eb) => [
        'cohort_month',
        'segment',
        'months_since',
        'cohort_accounts',
        'active_accounts',
        eb(asDouble(eb.ref('active_accounts')), '/', eb.ref('cohort_accounts')).as('logo_retention'),
        'cohort_mrr',
        'mrr',
        safeRatio(eb, 'mrr', 'cohort_mrr').as('revenue_retention'),
        eb('cumulative_paid', '/', eb.ref('cohort_accounts')).as('cumulative_revenue_per_account'),
      ]),
});
