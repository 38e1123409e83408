import { asDouble, defineModel } from '@pulse/core';
import { sql } from 'kysely';
import { z } from 'zod';
import type { PulseVars } from '../config.js';
import { rawSpend } from '../sources/raw-tables.js';
import { stgFxRates } from './stg_fx_rates.js';

/**
 * G2: spend of months after the as-of month has not happened yet. Converted at the rate of the first day
 * of its month (G7); rows repeating a (month, channel, category) add up, as CAC sums all spend.
 */
export const stgSpend = defineModel({
  name: 'stg_spend',
  layer: 'staging',
  materialized: 'table',
  description:
    'Acquisition spend per month, channel and category up to the as-of month, in the reporting currency.',
  grain: ['month', 'channel', 'category'],
  columns: z.object({
    month: z.iso.date().describe('First day of the month the spend belongs to.'),
    channel: z.string().describe('Acquisition channel the money was spent on.'),
    category: z.string().describe('marketing or sales.'),
    amount_reporting: z.number().nullable().describe('Spend in the reporting currency.'),
  }),
  inputs: [stgFxRates, rawSpend],
  build: (db, { vars }: { vars: PulseVars }) =>
    db
      .selectFrom('raw.spend as s')
      .leftJoin('stg_fx_rates as fx', (join) =>
        join
          .onRef('fx.currency', '=', 's.currency')
          .onRef('fx.date', '<=', 's.month')
          .on(sql<boolean>`(fx.valid_until is null or s.month < fx.valid_until)`),
      )
      .select([
        's.month',
        's.channel',
        's.category',
        asDouble(sql`sum(
          s.amount * (case when s.currency = upper(${vars.reportingCurrency}) then 1 else fx.rate end)
        )`).as('amount_reporting'),
      ])
      .where('s.month', '<=', sql<string>`date_trunc('month', ${vars.asOf}::date)::date`)
      .groupBy(['s.month', 's.channel', 's.category']),
});
