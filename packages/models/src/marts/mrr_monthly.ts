import { defineModel, expression } from '@pulse/core';
import { sql } from 'kysely';
import { z } from 'zod';
import { intMonthSpine } from '../intermediate/int_month_spine.js';
import { intSegments } from '../intermediate/int_segments.js';
import { stgAccounts } from '../staging/stg_accounts.js';
import { allRowIsSumOfParts, moneyClose } from './all-row-is-sum-of-parts.js';
import { mrrAccountMonths } from './mrr_account_months.js';

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
    expression(moneyClose('net_new_mrr', 'mrr - start_mrr'), { name: 'mrr_monthly_net_new_mrr_identity' }),
    expression('active_accounts = start_accounts + new_accounts + reactivated_accounts - churned_accounts', {
      name: 'mrr_monthly_active_accounts_identity',
    }),
    expression('logo_churn_rate is null or logo_churn_rate between 0 and 1', {
      name: 'mrr_monthly_logo_churn_rate_in_0_1',
    }),
    expression('grr is null or grr between 0 and 1 + 1e-12', { name: 'mrr_monthly_grr_in_0_1' }),
    allRowIsSumOfParts('mrr_monthly', ['month'], 'segment', ADDITIVE),
  ],
  inputs: [intMonthSpine, intSegments, mrrAccountMonths, stgAccounts],
  build: (db) =>
    db
      .with('range_start', (qb) =>
        qb.selectFrom('int_month_spine').select(sql<string>`min(month)`.as('month')),
      )
      .with('totals', (qb) =>
        qb
          .selectFrom('mrr_account_months as r')
          .innerJoin('stg_accounts as a', 'a.account_id', 'r.account_id')
          .innerJoin('int_segments as g', (join) => join.on(sql<boolean>`g.segment in (a.segment, 'all')`))
          .leftJoin('mrr_account_months as y', (join) =>
            join
              .onRef('y.account_id', '=', 'r.account_id')
              .on(sql<boolean>`y.month = r.month - interval 12 month`),
          )
          .select([
            'r.month',
            'g.segment',
            sql<number>`sum(r.mrr)`.as('mrr'),
            sql<number>`count(*) filter (where r.mrr > 0)`.as('active_accounts'),
            sql<number>`count(*) filter (where r.prev_mrr > 0)`.as('start_accounts'),
            sql<number>`sum(r.prev_mrr)`.as('start_mrr'),
            sql<number>`count(*) filter (where r.movement = 'new')`.as('new_accounts'),
            sql<number>`sum(r.mrr_change) filter (where r.movement = 'new')`.as('new_mrr'),
            sql<number>`count(*) filter (where r.movement = 'reactivation')`.as('reactivated_accounts'),
            sql<number>`sum(r.mrr_change) filter (where r.movement = 'reactivation')`.as('reactivation_mrr'),
            sql<number>`sum(r.mrr_change) filter (where r.movement = 'expansion')`.as('expansion_mrr'),
            sql<number>`sum(r.mrr_change) filter (where r.movement = 'contraction')`.as('contraction_mrr'),
            sql<number>`count(*) filter (where r.movement = 'churn')`.as('churned_accounts'),
            sql<number>`sum(r.mrr_change) filter (where r.movement = 'churn')`.as('churned_mrr'),
            sql<number>`sum(r.mrr) filter (where r.prev_mrr > 0)`.as('start_cohort_mrr'),
            sql<number>`sum(least(r.mrr, r.prev_mrr)) filter (where r.prev_mrr > 0)`.as(
              'start_cohort_kept_mrr',
            ),
            sql<number>`sum(y.mrr) filter (where y.mrr > 0)`.as('base_12m_mrr'),
            sql<number>`sum(r.mrr) filter (where y.mrr > 0)`.as('base_12m_cohort_mrr'),
            sql<number>`sum(least(r.mrr, y.mrr)) filter (where y.mrr > 0)`.as('base_12m_kept_mrr'),
          ])
          .groupBy(['r.month', 'g.segment']),
      )
      .with('filled', (qb) =>
        qb
          .selectFrom('int_month_spine as m')
          .crossJoin('int_segments as g')
          .crossJoin('range_start')
          .leftJoin('totals as t', (join) =>
            join.onRef('t.month', '=', 'm.month').onRef('t.segment', '=', 'g.segment'),
          )
          .select([
            'm.month',
            'g.segment',
            'm.is_partial_month',
            sql<boolean>`m.month - interval 12 month >= range_start.month`.as('has_12m_base'),
            sql<number>`coalesce(t.mrr, 0)::double`.as('mrr'),
            sql<number>`coalesce(t.active_accounts, 0)::integer`.as('active_accounts'),
            sql<number>`coalesce(t.start_accounts, 0)::integer`.as('start_accounts'),
            sql<number>`coalesce(t.start_mrr, 0)::double`.as('start_mrr'),
            sql<number>`coalesce(t.new_accounts, 0)::integer`.as('new_accounts'),
            sql<number>`coalesce(t.new_mrr, 0)::double`.as('new_mrr'),
            sql<number>`coalesce(t.reactivated_accounts, 0)::integer`.as('reactivated_accounts'),
            sql<number>`coalesce(t.reactivation_mrr, 0)::double`.as('reactivation_mrr'),
            sql<number>`coalesce(t.expansion_mrr, 0)::double`.as('expansion_mrr'),
            sql<number>`coalesce(t.contraction_mrr, 0)::double`.as('contraction_mrr'),
            sql<number>`coalesce(t.churned_accounts, 0)::integer`.as('churned_accounts'),
            sql<number>`coalesce(t.churned_mrr, 0)::double`.as('churned_mrr'),
            sql<number>`coalesce(t.start_cohort_mrr, 0)::double`.as('start_cohort_mrr'),
            sql<number>`coalesce(t.start_cohort_kept_mrr, 0)::double`.as('start_cohort_kept_mrr'),
            sql<number>`coalesce(t.base_12m_mrr, 0)::double`.as('base_12m_mrr'),
            sql<number>`coalesce(t.base_12m_cohort_mrr, 0)::double`.as('base_12m_cohort_mrr'),
            sql<number>`coalesce(t.base_12m_kept_mrr, 0)::double`.as('base_12m_kept_mrr'),
          ]),
      )
      .selectFrom('filled')
      .select([
        'month',
        'segment',
        'mrr',
        sql<number>`12 * mrr`.as('arr'),
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
        sql<number>`new_mrr + reactivation_mrr + expansion_mrr + contraction_mrr + churned_mrr`.as(
          'net_new_mrr',
        ),
        sql<number | null>`mrr / nullif(active_accounts, 0)`.as('arpa'),
        sql<number | null>`churned_accounts / nullif(start_accounts, 0)`.as('logo_churn_rate'),
        sql<
          number | null
        >`(active_accounts - new_accounts - reactivated_accounts) / nullif(start_accounts, 0)`.as(
          'customer_retention_rate',
        ),
        sql<number | null>`(0 - (churned_mrr + contraction_mrr)) / nullif(start_mrr, 0)`.as(
          'gross_mrr_churn_rate',
        ),
        sql<number | null>`(0 - (churned_mrr + contraction_mrr + expansion_mrr)) / nullif(start_mrr, 0)`.as(
          'net_mrr_churn_rate',
        ),
        sql<number | null>`start_cohort_mrr / nullif(start_mrr, 0)`.as('nrr'),
        sql<number | null>`start_cohort_kept_mrr / nullif(start_mrr, 0)`.as('grr'),
        sql<number | null>`case when has_12m_base then base_12m_cohort_mrr / nullif(base_12m_mrr, 0) end`.as(
          'nrr_12m',
        ),
        sql<number | null>`case when has_12m_base then base_12m_kept_mrr / nullif(base_12m_mrr, 0) end`.as(
          'grr_12m',
        ),
        sql<
          number | null
        >`(new_mrr + reactivation_mrr + expansion_mrr) / nullif(0 - (churned_mrr + contraction_mrr), 0)`.as(
          'quick_ratio',
        ),
        sql<number | null>`(mrr - start_mrr) / nullif(start_mrr, 0)`.as('mrr_growth_rate'),
        'is_partial_month',
      ]),
});
