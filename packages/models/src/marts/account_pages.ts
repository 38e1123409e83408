import {
  asInteger,
  dateValue,
  defineModel,
  expression,
  integerValue,
  monthStart,
  monthsBefore,
} from '@pulse/core';
import { z } from 'zod';
import type { PulseVars } from '../config.js';
import { stgAccounts } from '../staging/stg_accounts.js';
import { healthScores } from './health_scores.js';
import { mrrAccountMonths } from './mrr_account_months.js';

/**
 * The site publishes a page per account listed here, so the choice of accounts is made once, in the
 * warehouse, where it can be tested, rather than in the site's build. "Latest month" is the as-of month
 * (partial or not), the month every other "latest" figure of the site shows; "the last three months"
 * are the as-of month and the two before it.
 */
export const accountPages = defineModel({
  name: 'account_pages',
  layer: 'marts',
  materialized: 'table',
  description:
    'The accounts that get their own page on the report site: the top accounts by MRR in the as-of month (config `account_pages_top_n`), every account in the at-risk or critical health band that month, and every account that churned in the as-of month or the two before it.',
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
    is_top_mrr: z
      .boolean()
      .describe('Among the `account_pages_top_n` accounts with the highest MRR in the as-of month.'),
    is_at_risk: z.boolean().describe('In the at-risk or critical health band in the as-of month.'),
    is_recent_churn: z.boolean().describe('Churned in the as-of month or one of the two months before it.'),
  }),
  tests: [
    expression('is_top_mrr or is_at_risk or is_recent_churn', {
      name: 'account_pages_every_page_has_a_reason',
    }),
    expression('(mrr_rank is null) = (mrr = 0) and (mrr_rank is not null or not is_top_mrr)', {
      name: 'account_pages_rank_only_for_paying_accounts',
    }),
  ],
  inputs: [stgAccounts, mrrAccountMonths, healthScores],
  build: (db, { vars }: { vars: PulseVars }) => {
    const topN = integerValue(vars.accountPagesTopN);
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
          .select((eb) => ['r.account_id', eb.fn.max('r.month').as('churned_month')])
          .groupBy('r.account_id'),
      )
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
        eb('t.account_id', 'is not', null).as('is_top_mrr'),
        eb.fn.coalesce(eb('h.band', 'in', ['at_risk', 'critical']), eb.lit(false)).as('is_at_risk'),
        eb('c.account_id', 'is not', null).as('is_recent_churn'),
      ]);
  },
});
