import { asDouble, defineModel, expression, overRows, safeRatio } from '@pulse/core';
import { z } from 'zod';
import type { PulseVars } from '../config.js';
import { mrrMonthly } from './mrr_monthly.js';

/**
 * The churn mean looks back over the six months before m (m itself excluded) and needs three of them
 * with a defined churn rate, so a young or tiny segment gets no lifetime value rather than a wild one.
 * mrr_monthly has one row per month and segment without gaps, so six rows back are six months back.
 */
export const clvMonthly = defineModel({
  name: 'clv_monthly',
  layer: 'marts',
  materialized: 'table',
  description:
    'Customer lifetime value per month and segment: average revenue per account × expected lifetime.',
  grain: ['month', 'segment'],
  columns: z.object({
    month: z.iso.date().describe('First day of the month.'),
    segment: z.string().describe('Customer segment, or `all` for every account.'),
    arpa: z.number().nullable().describe('Average MRR per active account in the month.'),
    avg_logo_churn_rate: z
      .number()
      .nullable()
      .describe(
        'Mean monthly logo churn rate of the six previous months (those with a rate); empty when fewer than three have one.',
      ),
    clv: z
      .number()
      .nullable()
      .describe(
        'Revenue lifetime value: ARPA / average monthly logo churn rate (monthly value × expected months).',
      ),
    gross_margin: z.number().describe('Gross margin applied (configuration).'),
    clv_gross: z.number().nullable().describe('Lifetime value after cost of service: CLV × gross margin.'),
  }),
  tests: [
    expression('avg_logo_churn_rate is null or avg_logo_churn_rate between 0 and 1', {
      name: 'clv_monthly_churn_mean_in_0_1',
    }),
  ],
  inputs: [mrrMonthly],
  build: (db, { vars }: { vars: PulseVars }) =>
    db
      .with('churn_history', (qb) =>
        qb.selectFrom('mrr_monthly').select((eb) => {
          // The six months before this one, per segment.
          const previousSix = { partitionBy: ['segment'], orderBy: 'month', rows: [-6, -1] } as const;
          return [
            'month',
            'segment',
            'arpa',
            overRows(eb, eb.fn.avg<number | null>('logo_churn_rate'), previousSix).as('churn_mean'),
            overRows(eb, eb.fn.count<number>('logo_churn_rate'), previousSix).as('churn_months'),
          ];
        }),
      )
      .with('averaged', (qb) =>
        qb
          .selectFrom('churn_history')
          .select((eb) => [
            'month',
            'segment',
            'arpa',
            eb
              .case()
              .when('churn_months', '>=', eb.lit(3))
              .then(eb.ref('churn_mean'))
              .end()
              .as('avg_logo_churn_rate'),
            asDouble(eb.val(vars.grossMargin)).as('gross_margin'),
          ]),
      )
      .selectFrom('averaged')
      .select((eb) => [
        'month',
        'segment',
        'arpa',
        'avg_logo_churn_rate',
        safeRatio(eb, 'arpa', 'avg_logo_churn_rate').as('clv'),
        'gross_margin',
        eb(safeRatio(eb, 'arpa', 'avg_logo_churn_rate'), '*', eb.ref('gross_margin')).as('clv_gross'),
      ]),
});
