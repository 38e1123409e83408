import { type DatabaseOf, dateValue, defineModel, expression, overRows } from '@pulse/core';
import type { Kysely, QueryCreator } from 'kysely';
import { sql } from 'kysely';
import { z } from 'zod';
import { monthsAfter } from '../calendar-months.js';
import { intAccountMonths } from '../intermediate/int_account_months.js';
import { onDates } from '../staging/event-partitions.js';
import { moneyClose } from './all-row-is-sum-of-parts.js';
import { monthsFromEarliestUpstreamChange } from './months-from-earliest-change.js';

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
    expression(moneyClose('mrr', 'prev_mrr + mrr_change', ['prev_mrr']), {
      name: 'mrr_account_months_change_adds_up',
    }),
    // Raw sql stays here: the rules are restated as plain SQL on purpose, a second derivation of the build's
    // movement that does not share its helpers. `db` is typed by the model, so the relation and the columns
    // selected by name are checked; the SQL text is not.
    {
      kind: 'custom',
      name: 'mrr_account_months_movement_follows_rules',
      query: (db) =>
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
    },
  ],
  // Each month's row reads that month and earlier ones of int_account_months: a refresh rebuilds every
  // month from the earliest one int_account_months rebuilt (after a nightly export, the as_of month alone).
  partitionBy: {
    column: 'month',
    uniqueKeysWithinPartition: true,
    changed: monthsFromEarliestUpstreamChange(intAccountMonths),
  },
  inputs: [intAccountMonths],
  build: (db, { partitions }: { partitions?: readonly string[] }) =>
    (partitions === undefined ? sequencedWhole(db) : sequencedFrom(db, partitions))
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
      .whereRef('month', '>=', 'first_active_month')
      .$if(partitions !== undefined, (q) => q.where(onDates('month', partitions!))),
});

type Database = DatabaseOf<[typeof intAccountMonths]>;

/** `sequenced`: an account's month with the MRR before it and whether and since when it paid. */
type WithSequenced = QueryCreator<
  Database & {
    sequenced: {
      account_id: string;
      month: string;
      mrr: number;
      prev_mrr: number;
      ever_before: boolean;
      first_active_month: string | null;
    };
  }
>;

/** `sequenced` for every month: windows over each account's whole history. */
function sequencedWhole(db: Kysely<Database>): WithSequenced {
  return db.with('sequenced', (qb) =>
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
  ) as unknown as WithSequenced;
}

/**
 * `sequenced` for the months from the earliest of `partitions` on (the caller keeps the partitions' own),
 * the same values as `sequencedWhole` without windows over the whole history. The month before the earliest
 * is read too, for its MRR (an account's rows run without gaps from its first month, so that row is the one
 * the lag meets). Of the months before it only each account's first paying month is needed: an account paid
 * before a month exactly when its first paying month is earlier, which is what the whole build's running
 * `bool_or` says.
 */
function sequencedFrom(db: Kysely<Database>, partitions: readonly string[]): WithSequenced {
  const boundary = dateValue(monthsAfter([...partitions].sort()[0]!, -1));
  return db
    .with('paid_before', (qb) =>
      qb
        .selectFrom('int_account_months')
        .select((eb) => ['account_id', eb.fn.min('month').as('first_paid_month')])
        .where('month', '<', boundary)
        .where('mrr', '>', 0)
        .groupBy('account_id'),
    )
    .with('recent', (qb) =>
      qb
        .selectFrom('int_account_months as i')
        .leftJoin('paid_before as p', 'p.account_id', 'i.account_id')
        .where('i.month', '>=', boundary)
        .select((eb) => [
          'i.account_id',
          'i.month',
          'i.mrr',
          eb.fn
            .agg<number>('lag', ['i.mrr', eb.lit(1), eb.lit(0)])
            .over((ob) => ob.partitionBy('i.account_id').orderBy('i.month'))
            .as('prev_mrr'),
          eb.fn
            .coalesce(
              'p.first_paid_month',
              eb.fn
                .min('i.month')
                .filterWhere('i.mrr', '>', eb.lit(0))
                .over((ob) => ob.partitionBy('i.account_id')),
            )
            .as('first_active_month'),
        ]),
    )
    .with('sequenced', (qb) =>
      qb
        .selectFrom('recent')
        .select((eb) => [
          'account_id',
          'month',
          'mrr',
          'prev_mrr',
          eb.fn.coalesce(eb('first_active_month', '<', eb.ref('month')), eb.lit(false)).as('ever_before'),
          'first_active_month',
        ]),
    ) as unknown as WithSequenced;
}
