import {
  countOrZero,
  countWhere,
  defineModel,
  exactSum,
  exactSumWhere,
  expression,
  moneyOrZero,
  monthsBefore,
  safeRatio,
} from '@pulse/core';
import { z } from 'zod';
import {
  countsInSegment,
  intAccountSegments,
  reportingSegments,
} from '../intermediate/int_account_segments.js';
import { intMonthSpine } from '../intermediate/int_month_spine.js';
import { onDates } from '../staging/event-partitions.js';
import { stgAccounts } from '../staging/stg_accounts.js';
import { allRowIsSumOfParts, moneyClose } from './all-row-is-sum-of-parts.js';
import { mrrAccountMonths } from './mrr_account_months.js';
import { changedMrrMonths } from './mrr-monthly-months.js';

const ADDITIVE = [
  'mrr',
  'arr',
  'active_accounts',
  'start_accounts',
  'start_mrr',
  'new_accounts',
  'new_mrr',
  'reactivated_accounts',
  'reactivation_mrr',
  'expansion_mrr',
  'contraction_mrr',
  'churned_accounts',
  'churned_mrr',
  'net_new_mrr',
];

const count = z.int();
const money = z.number();
const rate = z.number().nullable();

/**
 * S (the accounts active last month) anchors every retention rate, and the 12-month variants anchor on
 * the accounts active 12 months earlier: both are read from the account rows, which run without gaps
 * from an account's first paying month, so an account absent from a month was not active in it.
 */
export const mrrMonthly = defineModel({
  name: 'mrr_monthly',
  layer: 'marts',
  materialized: 'table',
  description:
    'Recurring revenue, its movements and retention rates per month and segment, from the first month with revenue up to the as-of month.',
  grain: ['month', 'segment'],
  columns: z.object({
    month: z.iso.date().describe('First day of the month.'),
    segment: z.string().describe('Customer segment, or `all` for every account.'),
    mrr: money.describe(
      'Monthly recurring revenue at the end of the month (on the as-of date in the current month).',
    ),
    arr: money.describe('Annual run rate: 12 × MRR.'),
    active_accounts: count.describe('Accounts with MRR above 0 at the end of the month.'),
    start_accounts: count.describe('Accounts that were active at the end of the previous month.'),
    start_mrr: money.describe('MRR at the end of the previous month.'),
    new_accounts: count.describe('Accounts paying for the first time this month.'),
    new_mrr: money.describe('MRR added by new accounts.'),
    reactivated_accounts: count.describe(
      'Accounts paying again this month after at least a month without revenue.',
    ),
    reactivation_mrr: money.describe('MRR added by reactivated accounts.'),
    expansion_mrr: money.describe('MRR added by accounts that pay more than last month (≥ 0).'),
    contraction_mrr: money.describe(
      'MRR lost by accounts that pay less than last month but still pay (≤ 0).',
    ),
    churned_accounts: count.describe('Accounts that paid last month and pay nothing this month.'),
    churned_mrr: money.describe('MRR lost by churned accounts (≤ 0).'),
    net_new_mrr: money.describe(
      'New + reactivation + expansion + contraction + churned MRR: the change of MRR since last month.',
    ),
    arpa: rate.describe('Average revenue per account: MRR / active accounts.'),
    logo_churn_rate: rate.describe(
      'Share of last month’s active accounts that churned: churned / start accounts.',
    ),
    customer_retention_rate: rate.describe(
      'Share of last month’s active accounts still active: (active − new − reactivated) / start accounts.',
    ),
    gross_mrr_churn_rate: rate.describe(
      'MRR lost to churn and contraction as a share of last month’s MRR: −(churned + contraction) / start MRR.',
    ),
    net_mrr_churn_rate: rate.describe(
      'MRR lost net of expansion as a share of last month’s MRR: −(churned + contraction + expansion) / start MRR (negative when expansion outweighs losses; reactivations not counted).',
    ),
    nrr: rate.describe(
      'Net revenue retention: this month’s MRR of the accounts active last month / their MRR last month.',
    ),
    grr: rate.describe(
      'Gross revenue retention: like NRR, with each account’s MRR capped at last month’s (expansion ignored).',
    ),
    nrr_12m: rate.describe(
      'Net revenue retention over 12 months: this month’s MRR of the accounts active 12 months ago / their MRR then; empty in the first 12 months of the range.',
    ),
    grr_12m: rate.describe(
      'Gross revenue retention over 12 months: like NRR 12m, each account capped at its MRR 12 months ago.',
    ),
    quick_ratio: rate.describe(
      'MRR gained (new + reactivation + expansion) per unit of MRR lost (churned + contraction).',
    ),
    mrr_growth_rate: rate.describe('Change of MRR since last month / last month’s MRR.'),
    is_partial_month: z.boolean().describe('True when the month is not over at the as-of date.'),
  }),
  tests: [
    expression(moneyClose('net_new_mrr', 'mrr - start_mrr', ['mrr', 'start_mrr']), {
      name: 'mrr_monthly_net_new_mrr_identity',
    }),
    expression('active_accounts = start_accounts + new_accounts + reactivated_accounts - churned_accounts', {
      name: 'mrr_monthly_active_accounts_identity',
    }),
    expression('logo_churn_rate is null or logo_churn_rate between 0 and 1', {
      name: 'mrr_monthly_logo_churn_rate_in_0_1',
    }),
    expression('grr is null or grr between 0 and 1 + 1e-12', { name: 'mrr_monthly_grr_in_0_1' }),
    allRowIsSumOfParts('mrr_monthly', ['month'], 'segment', ADDITIVE),
  ],
  // A month's rows read that month's account rows and the year-before ones: a refresh rebuilds the months
  // that moved (changedMrrMonths), after a nightly export the as_of month alone.
  partitionBy: { column: 'month', uniqueKeysWithinPartition: true, changed: changedMrrMonths },
  inputs: [intAccountSegments, intMonthSpine, mrrAccountMonths, stgAccounts],
  build: (db, { partitions }: { partitions?: readonly string[] }) =>
    db
      .with('range_start', (qb) =>
        qb.selectFrom('int_month_spine').select((eb) => eb.fn.min('month').as('month')),
      )
      .with('totals', (qb) =>
        qb
          .selectFrom('mrr_account_months as r')
          .innerJoin('stg_accounts as a', 'a.account_id', 'r.account_id')
          .innerJoin(reportingSegments(qb).as('g'), (join) =>
            join.on((eb) => countsInSegment(eb, 'g.segment', 'a.segment')),
          )
          .leftJoin('mrr_account_months as y', (join) =>
            join
              .onRef('y.account_id', '=', 'r.account_id')
              .on((eb) => eb('y.month', '=', monthsBefore(eb, 'r.month', 12))),
          )
          .select((eb) => {
            const movement = (name: string) => eb('r.movement', '=', name);
            const wasActive = eb('r.prev_mrr', '>', 0);
            const activeAYearAgo = eb('y.mrr', '>', 0);
            return [
              'r.month',
              'g.segment',
              exactSum(eb, 'r.mrr').as('mrr'),
              countWhere(eb, eb('r.mrr', '>', 0)).as('active_accounts'),
              countWhere(eb, wasActive).as('start_accounts'),
              exactSum(eb, 'r.prev_mrr').as('start_mrr'),
              countWhere(eb, movement('new')).as('new_accounts'),
              exactSumWhere(eb, 'r.mrr_change', movement('new')).as('new_mrr'),
              countWhere(eb, movement('reactivation')).as('reactivated_accounts'),
              exactSumWhere(eb, 'r.mrr_change', movement('reactivation')).as('reactivation_mrr'),
              exactSumWhere(eb, 'r.mrr_change', movement('expansion')).as('expansion_mrr'),
              exactSumWhere(eb, 'r.mrr_change', movement('contraction')).as('contraction_mrr'),
              countWhere(eb, movement('churn')).as('churned_accounts'),
              exactSumWhere(eb, 'r.mrr_change', movement('churn')).as('churned_mrr'),
              exactSumWhere(eb, 'r.mrr', wasActive).as('start_cohort_mrr'),
              exactSumWhere(eb, eb.fn('least', ['r.mrr', 'r.prev_mrr']), wasActive).as(
                'start_cohort_kept_mrr',
              ),
              exactSumWhere(eb, 'y.mrr', activeAYearAgo).as('base_12m_mrr'),
              exactSumWhere(eb, 'r.mrr', activeAYearAgo).as('base_12m_cohort_mrr'),
              exactSumWhere(eb, eb.fn('least', ['r.mrr', 'y.mrr']), activeAYearAgo).as('base_12m_kept_mrr'),
            ];
          })
          .$if(partitions !== undefined, (q) => q.where(onDates('r.month', partitions!)))
          .groupBy(['r.month', 'g.segment']),
      )
      .with('filled', (qb) =>
        qb
          .selectFrom('int_month_spine as m')
          .crossJoin(reportingSegments(qb).as('g'))
          .crossJoin('range_start')
          .leftJoin('totals as t', (join) =>
            join.onRef('t.month', '=', 'm.month').onRef('t.segment', '=', 'g.segment'),
          )
          .select((eb) => [
            'm.month',
            'g.segment',
            'm.is_partial_month',
            eb(monthsBefore(eb, 'm.month', 12), '>=', eb.ref('range_start.month')).as('has_12m_base'),
            moneyOrZero(eb, 't.mrr').as('mrr'),
            countOrZero(eb, 't.active_accounts').as('active_accounts'),
            countOrZero(eb, 't.start_accounts').as('start_accounts'),
            moneyOrZero(eb, 't.start_mrr').as('start_mrr'),
            countOrZero(eb, 't.new_accounts').as('new_accounts'),
            moneyOrZero(eb, 't.new_mrr').as('new_mrr'),
            countOrZero(eb, 't.reactivated_accounts').as('reactivated_accounts'),
            moneyOrZero(eb, 't.reactivation_mrr').as('reactivation_mrr'),
            moneyOrZero(eb, 't.expansion_mrr').as('expansion_mrr'),
            moneyOrZero(eb, 't.contraction_mrr').as('contraction_mrr'),
            countOrZero(eb, 't.churned_accounts').as('churned_accounts'),
            moneyOrZero(eb, 't.churned_mrr').as('churned_mrr'),
            moneyOrZero(eb, 't.start_cohort_mrr').as('start_cohort_mrr'),
            moneyOrZero(eb, 't.start_cohort_kept_mrr').as('start_cohort_kept_mrr'),
            moneyOrZero(eb, 't.base_12m_mrr').as('base_12m_mrr'),
            moneyOrZero(eb, 't.base_12m_cohort_mrr').as('base_12m_cohort_mrr'),
            moneyOrZero(eb, 't.base_12m_kept_mrr').as('base_12m_kept_mrr'),
          ])
          .$if(partitions !== undefined, (q) => q.where(onDates('m.month', partitions!))),
      )
      .selectFrom('filled')
      .select((eb) => {
        // Sums nest to the left as in `a + b + c` and differences are parenthesised as before, so every
        // DOUBLE is computed in the same order and the mart keeps its bytes.
        return [
          'month',
          'segment',
          'mrr',
          eb(eb.lit<number>(12), '*', eb.ref('mrr')).as('arr'),
          'active_accounts',
          'start_accounts',
          'start_mrr',
          'new_accounts',
          'new_mrr',
          'reactivated_accounts',
          'reactivation_mrr',
          'expansion_mrr',
          'contraction_mrr',
          'churned_accounts',
          'churned_mrr',
          eb(
            eb(
              eb(eb('new_mrr', '+', eb.ref('reactivation_mrr')), '+', eb.ref('expansion_mrr')),
              '+',
              eb.ref('contraction_mrr'),
            ),
            '+',
            eb.ref('churned_mrr'),
          ).as('net_new_mrr'),
          safeRatio(eb, 'mrr', 'active_accounts').as('arpa'),
          safeRatio(eb, 'churned_accounts', 'start_accounts').as('logo_churn_rate'),
          safeRatio(
            eb,
            eb.parens(
              eb(eb('active_accounts', '-', eb.ref('new_accounts')), '-', eb.ref('reactivated_accounts')),
            ),
            'start_accounts',
          ).as('customer_retention_rate'),
          safeRatio(
            eb,
            eb.parens(eb(eb.lit<number>(0), '-', eb.parens('churned_mrr', '+', eb.ref('contraction_mrr')))),
            'start_mrr',
          ).as('gross_mrr_churn_rate'),
          safeRatio(
            eb,
            eb.parens(
              eb(
                eb.lit<number>(0),
                '-',
                eb.parens(
                  eb(eb('churned_mrr', '+', eb.ref('contraction_mrr')), '+', eb.ref('expansion_mrr')),
                ),
              ),
            ),
            'start_mrr',
          ).as('net_mrr_churn_rate'),
          safeRatio(eb, 'start_cohort_mrr', 'start_mrr').as('nrr'),
          safeRatio(eb, 'start_cohort_kept_mrr', 'start_mrr').as('grr'),
          eb
            .case()
            .when(eb.ref('has_12m_base'))
            .then(safeRatio(eb, 'base_12m_cohort_mrr', 'base_12m_mrr'))
            .end()
            .as('nrr_12m'),
          eb
            .case()
            .when(eb.ref('has_12m_base'))
            .then(safeRatio(eb, 'base_12m_kept_mrr', 'base_12m_mrr'))
            .end()
            .as('grr_12m'),
          safeRatio(
            eb,
            eb.parens(eb(eb('new_mrr', '+', eb.ref('reactivation_mrr')), '+', eb.ref('expansion_mrr'))),
            eb.parens(eb(eb.lit<number>(0), '-', eb.parens('churned_mrr', '+', eb.ref('contraction_mrr')))),
          ).as('quick_ratio'),
          safeRatio(eb, eb.parens('mrr', '-', eb.ref('start_mrr')), 'start_mrr').as('mrr_growth_rate'),
          'is_partial_month',
        ];
      }),
});
