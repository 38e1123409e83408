import {
  acceptedValues,
  argMaxBy,
  asInteger,
  dateValue,
  defineModel,
  expression,
  integerValue,
  monthStart,
  monthsBefore,
  unique,
} from '@pulse/core';
import type { Expression, ExpressionBuilder } from 'kysely';
import { z } from 'zod';
import type { PulseVars } from '../config.js';
import { stgAccounts } from '../staging/stg_accounts.js';
import { healthScores } from './health_scores.js';
import { mrrAccountMonths } from './mrr_account_months.js';

/**
 * Why an account has a page, in the order a CS lead would open them when only `account_pages_max` can be
 * built: `critical` accounts are the likeliest to churn next and can still be saved; `recent_churn` ones
 * are what the MRR page's churn list links to and are reviewed (or won back) while the churn is fresh, and
 * there are few of them; `at_risk` accounts are the wide watch list; `top_mrr` accounts are healthy ones
 * that matter by size alone. An account with several reasons takes its first. Within a reason the money
 * at stake comes first: MRR of the as-of month (for a churn, the MRR it lost), then the lowest health
 * score, then the account id.
 */
export const PAGE_REASONS = ['critical', 'recent_churn', 'at_risk', 'top_mrr'] as const;

/** A `page_reason`'s position in PAGE_REASONS (1 first): `case reason when 'critical' then 1 … end`. */
function reasonOrderOf<DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>, reason: Expression<string>) {
  let cases = eb.case(reason).when(eb.val(PAGE_REASONS[0])).then(eb.lit<number>(1));
  for (const [i, r] of PAGE_REASONS.entries()) if (i > 0) cases = cases.when(eb.val(r)).then(eb.lit(i + 1));
  return cases.end();
}

/**
 * The site publishes a page per account listed here with `has_page`, so the choice of accounts is made
 * once, in the warehouse, where it can be tested, rather than in the site's build. "Latest month" is the
 * as-of month (partial or not), the month every other "latest" figure of the site shows; "the last three
 * months" are the as-of month and the two before it. Every qualifying account is a row, so the site can say
 * how many qualify beyond the cap.
 */
export const accountPages = defineModel({
  name: 'account_pages',
  layer: 'marts',
  materialized: 'table',
  description:
    'The accounts that qualify for their own page on the report site: the top accounts by MRR in the as-of month (config `account_pages_top_n`), every account in the at-risk or critical health band that month, and every account that churned in the as-of month or the two before it. At most `account_pages_max` of them get a page, by priority: critical accounts, then recent churns, then at-risk accounts, then the top accounts by MRR; within each, the most MRR at stake first.',
  grain: ['account_id'],
  columns: z.object({
    account_id: z.string().describe('Account identifier.'),
    account_name: z.string().nullable().describe('Display name of the account.'),
    segment: z.string().describe('Current customer segment of the account.'),
    mrr: z.number().describe('MRR of the account in the as-of month (0 when it pays nothing).'),
    mrr_rank: z
      .int()
      .nullable()
      .describe(
        'Position of the account by MRR in the as-of month, highest first, ties by account id; empty when it pays nothing.',
      ),
    score: z
      .number()
      .nullable()
      .describe('Health score of the account in the as-of month; empty when not scored.'),
    band: z
      .string()
      .nullable()
      .describe(
        'Health band of the account in the as-of month (`critical`, `at_risk`, `healthy`); empty when not scored.',
      ),
    churned_month: z.iso
      .date()
      .nullable()
      .describe(
        'Month of the account’s latest churn, when it falls in the as-of month or the two before it.',
      ),
    churned_mrr: z
      .number()
      .nullable()
      .describe(
        'MRR the account lost at that churn (its MRR the month before); empty without a recent churn.',
      ),
    is_top_mrr: z
      .boolean()
      .describe('Among the `account_pages_top_n` accounts with the highest MRR in the as-of month.'),
    is_at_risk: z.boolean().describe('In the at-risk or critical health band in the as-of month.'),
    is_recent_churn: z.boolean().describe('Churned in the as-of month or one of the two months before it.'),
    page_reason: z
      .string()
      .describe(
        'The first reason of the account in priority order: `critical` (critical band), `recent_churn`, `at_risk` (at-risk band), `top_mrr`.',
      ),
    page_priority: z
      .int()
      .describe(
        'Position of the account among those that qualify, 1 first: by `page_reason` in that order, then the most MRR at stake (`churned_mrr` for a recent churn, else `mrr`), then the lowest score, then the account id.',
      ),
    has_page: z
      .boolean()
      .describe('Gets a page on the report site: among the first `account_pages_max` by `page_priority`.'),
  }),
  tests: [
    expression('is_top_mrr or is_at_risk or is_recent_churn', {
      name: 'account_pages_every_page_has_a_reason',
    }),
    expression('(mrr_rank is null) = (mrr = 0) and (mrr_rank is not null or not is_top_mrr)', {
      name: 'account_pages_rank_only_for_paying_accounts',
    }),
    expression('(churned_mrr is not null) = is_recent_churn and coalesce(churned_mrr > 0, true)', {
      name: 'account_pages_churned_mrr_for_recent_churns',
    }),
    acceptedValues('page_reason', PAGE_REASONS),
    // The reason is the first one that holds, in PAGE_REASONS order.
    expression(
      `page_reason = case when band = 'critical' then 'critical' when is_recent_churn then 'recent_churn'
       when is_at_risk then 'at_risk' else 'top_mrr' end`,
      { name: 'account_pages_reason_is_the_first_that_holds' },
    ),
    unique(['page_priority']),
    // Priorities run 1, 2, … with no gap, follow the reasons' order, and the first account_pages_max
    // (and only they) have a page.
    {
      kind: 'custom',
      name: 'account_pages_priority_follows_reasons_and_cap',
      // `vars` annotated: the model's Vars are inferred from build, which comes after this test.
      query: (db, vars: PulseVars) =>
        db
          .selectFrom((qb) =>
            qb
              .selectFrom('account_pages')
              .select((eb) => [
                'account_id',
                'page_priority',
                'page_reason',
                'has_page',
                eb.fn
                  .agg<number>('row_number', [])
                  .over((ob) => ob.orderBy('page_priority'))
                  .as('position'),
                reasonOrderOf(eb, eb.ref('page_reason')).as('reason_order'),
                eb.fn
                  .agg<number>('lag', [reasonOrderOf(eb, eb.ref('page_reason'))])
                  .over((ob) => ob.orderBy('page_priority'))
                  .as('previous_order'),
              ])
              .as('p'),
          )
          .selectAll()
          .where((eb) =>
            eb.or([
              eb('page_priority', '<>', eb.ref('position')),
              eb('reason_order', '<', eb.ref('previous_order')),
              // $castTo only types it: Kysely types a comparison as SqlBool (0 | 1 too), has_page is a boolean.
              eb(
                'has_page',
                '<>',
                eb.parens('page_priority', '<=', integerValue(vars.accountPagesMax)).$castTo<boolean>(),
              ),
            ]),
          ),
    },
  ],
  inputs: [stgAccounts, mrrAccountMonths, healthScores],
  build: (db, { vars }: { vars: PulseVars }) => {
    const topN = integerValue(vars.accountPagesTopN);
    const max = integerValue(vars.accountPagesMax);
    return db
      .with('latest_month', (qb) => qb.selectNoFrom((eb) => monthStart(eb, dateValue(vars.asOf)).as('month')))
      .with('ranked', (qb) =>
        qb
          .selectFrom('mrr_account_months as r')
          .innerJoin('latest_month as l', 'l.month', 'r.month')
          .where('r.mrr', '>', 0)
          .select((eb) => [
            'r.account_id',
            'r.mrr',
            asInteger(
              eb.fn
                .agg<number>('row_number', [])
                .over((ob) => ob.orderBy('r.mrr', 'desc').orderBy('r.account_id')),
            ).as('mrr_rank'),
          ]),
      )
      .with('top', (qb) => qb.selectFrom('ranked').selectAll().where('mrr_rank', '<=', topN))
      .with('health', (qb) =>
        qb
          .selectFrom('health_scores as h')
          .innerJoin('latest_month as l', 'l.month', 'h.month')
          .select(['h.account_id', 'h.score', 'h.band']),
      )
      .with('churns', (qb) =>
        qb
          .selectFrom('mrr_account_months as r')
          .crossJoin('latest_month as l')
          .where('r.movement', '=', 'churn')
          .where((eb) => eb('r.month', '>=', monthsBefore(eb, 'l.month', 2)))
          .select((eb) => [
            'r.account_id',
            eb.fn.max('r.month').as('churned_month'),
            // The MRR lost at that latest churn: a churn row's prev_mrr (its mrr is 0).
            argMaxBy(eb, 'r.prev_mrr', { month: 'r.month' }).as('churned_mrr'),
          ])
          .groupBy('r.account_id'),
      )
      .with('qualifying', (qb) =>
        qb
          .selectFrom('stg_accounts as a')
          .leftJoin('ranked as r', 'r.account_id', 'a.account_id')
          .leftJoin('top as t', 't.account_id', 'a.account_id')
          .leftJoin('health as h', 'h.account_id', 'a.account_id')
          .leftJoin('churns as c', 'c.account_id', 'a.account_id')
          .where((eb) =>
            eb.or([
              eb('t.account_id', 'is not', null),
              eb('h.band', 'in', ['at_risk', 'critical']),
              eb('c.account_id', 'is not', null),
            ]),
          )
          .select((eb) => [
            'a.account_id',
            'a.name as account_name',
            'a.segment',
            eb.fn.coalesce('r.mrr', eb.lit(0)).as('mrr'),
            'r.mrr_rank',
            'h.score',
            'h.band',
            'c.churned_month',
            'c.churned_mrr',
            eb('t.account_id', 'is not', null).as('is_top_mrr'),
            eb.fn.coalesce(eb('h.band', 'in', ['at_risk', 'critical']), eb.lit(false)).as('is_at_risk'),
            eb('c.account_id', 'is not', null).as('is_recent_churn'),
            eb
              .case()
              .when('h.band', '=', 'critical')
              .then(eb.val<string>(PAGE_REASONS[0]))
              .when('c.account_id', 'is not', null)
              .then(eb.val<string>(PAGE_REASONS[1]))
              .when('h.band', '=', 'at_risk')
              .then(eb.val<string>(PAGE_REASONS[2]))
              .else(eb.val<string>(PAGE_REASONS[3]))
              .end()
              .as('page_reason'),
          ]),
      )
      .with('prioritised', (qb) =>
        qb.selectFrom('qualifying as q').select((eb) => [
          'q.account_id',
          'q.account_name',
          'q.segment',
          'q.mrr',
          'q.mrr_rank',
          'q.score',
          'q.band',
          'q.churned_month',
          'q.churned_mrr',
          'q.is_top_mrr',
          'q.is_at_risk',
          'q.is_recent_churn',
          'q.page_reason',
          asInteger(
            eb.fn.agg<number>('row_number', []).over((ob) =>
              ob
                .orderBy(reasonOrderOf(eb, eb.ref('q.page_reason')))
                .orderBy(
                  eb
                    .case()
                    .when('q.page_reason', '=', PAGE_REASONS[1])
                    .then(eb.ref('q.churned_mrr'))
                    .else(eb.ref('q.mrr'))
                    .end(),
                  'desc',
                )
                .orderBy('q.score', (o) => o.asc().nullsLast())
                .orderBy('q.account_id'),
            ),
          ).as('page_priority'),
        ]),
      )
      .selectFrom('prioritised')
      .selectAll()
      .select((eb) => eb('page_priority', '<=', max).as('has_page'));
  },
});
