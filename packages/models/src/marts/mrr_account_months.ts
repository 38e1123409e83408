import { custom, defineModel, expression, overRows } from '@pulse/core';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { z } from 'zod';
import { intAccountMonths } from '../intermediate/int_account_months.js';

/** Money identities hold up to floating-point rounding, relative to the amounts involved. */
const close = (left: string, right: string) =>
  `abs((${left}) - (${right})) <= 1e-9 * greatest(1, abs(${left}), abs(${right}))`;

/**
 * Reactivation is tested before expansion (both follow a month of 0 for a reactivation), and rows run
 * up to the as-of month only, so no churn row can appear after it.
 */
export const mrrAccountMonths = defineModel({
  name: 'mrr_account_months',
  layer: 'marts',
  materialized: 'table',
  description:
    'Monthly recurring revenue per account and month, from the month the account first pays up to the as-of month, with the movement that explains the change.',
  grain: ['account_id', 'month'],
  columns: z.object({
    account_id: z.string().describe('Account identifier.'),
    month: z.iso.date().describe('First day of the month.'),
    mrr: z
      .number()
      .describe(
        'Monthly recurring revenue on the last day of the month (the as-of date in the current month): every subscription period in effect that day, annual amounts divided by 12 and quarterly by 3, trials and free periods excluded, in the reporting currency at each period’s start-date rate.',
      ),
    prev_mrr: z.number().describe('MRR of the account in the previous month (0 in its first month).'),
    movement: z
      .string()
      .describe(
        'What changed since the previous month: `new` (first time paying), `reactivation` (paying again after a month at 0), `churn` (stopped paying), `expansion` (pays more), `contraction` (pays less) or `none`.',
      ),
    mrr_change: z.number().describe('MRR minus the previous month’s MRR.'),
  }),
  tests: [
    expression(close('mrr', 'prev_mrr + mrr_change'), { name: 'mrr_account_months_change_adds_up' }),
    // Raw sql stays here: the rules are restated as plain SQL on purpose, a second derivation of the build's
    // movement that does not share its helpers (and a data test sees the warehouse untyped, Kysely<any>).
    custom('mrr_account_months_movement_follows_rules', (db: Kysely<any>) =>
      db
        .with('expected', (qb) =>
          qb.selectFrom('mrr_account_months').select([
            'account_id',
            'month',
            'movement',
            'prev_mrr',
            'mrr',
            sql`lag(mrr, 1, 0) over (partition by account_id order by month)`.as('lagged_mrr'),
            sql`coalesce(bool_or(mrr > 0) over (
                partition by account_id order by month rows between unbounded preceding and 1 preceding
              ), false)`.as('ever_before'),
          ]),
        )
        .selectFrom('expected')
        .selectAll()
        .where(
          sql<boolean>`prev_mrr <> lagged_mrr or movement <> case
            when prev_mrr = 0 and mrr > 0 and not ever_before then 'new'
            when prev_mrr = 0 and mrr > 0 then 'reactivation'
            when prev_mrr > 0 and mrr = 0 then 'churn'
            when prev_mrr > 0 and mrr > prev_mrr then 'expansion'
            when prev_mrr > 0 and mrr > 0 and mrr < prev_mrr then 'contraction'
            else 'none'
          end`,
        ),
    ),
  ],
  inputs: [intAccountMonths],
  build: (db) =>
    db
      .with('sequenced', (qb) =>
        qb.selectFrom('int_account_months').select((eb) => [
          'account_id',
          'month',
          'mrr',
          eb.fn
            .agg<number>('lag', ['mrr', eb.lit(1), eb.lit(0)])
            .over((ob) => ob.partitionBy('account_id').orderBy('month'))
            .as('prev_mrr'),
          eb.fn
            .coalesce(
              overRows(eb, eb.fn.agg<boolean>('bool_or', [eb('mrr', '>', eb.lit(0))]), {
                partitionBy: ['account_id'],
                orderBy: 'month',
                rows: [Number.NEGATIVE_INFINITY, -1],
              }),
              eb.lit(false),
            )
            .as('ever_before'),
          eb.fn
            .min('month')
            .filterWhere('mrr', '>', eb.lit(0))
            .over((ob) => ob.partitionBy('account_id'))
            .as('first_active_month'),
        ]),
      )
      .selectFrom('sequenced')
      .select((eb) => {
        const wasZero = eb('prev_mrr', '=', eb.lit(0));
        const wasPaying = eb('prev_mrr', '>', eb.lit(0));
        const pays = eb('mrr', '>', eb.lit(0));
        return [
          'account_id',
          'month',
          'mrr',
          'prev_mrr',
          eb
            .case()
            .when(eb.and([wasZero, pays, eb.not(eb.ref('ever_before'))]))
            .then('new')
            .when(eb.and([wasZero, pays]))
            .then('reactivation')
            .when(eb.and([wasPaying, eb('mrr', '=', eb.lit(0))]))
            .then('churn')
            .when(eb.and([wasPaying, eb('mrr', '>', eb.ref('prev_mrr'))]))
            .then('expansion')
            .when(eb.and([wasPaying, pays, eb('mrr', '<', eb.ref('prev_mrr'))]))
            .then('contraction')
            .else('none')
            .end()
            .as('movement'),
          eb('mrr', '-', eb.ref('prev_mrr')).as('mrr_change'),
        ];
      })
      .whereRef('month', '>=', 'first_active_month'),
});
