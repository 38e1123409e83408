import { dateValue, defineModel, exactSum, monthStart } from '@pulse/core';
import { z } from 'zod';
import type { PulseVars } from '../config.js';
import { rawSpend } from '../sources/raw-tables.js';
import { groupNameOf } from './all-groups-name.js';
import { fxRateAppliesOn, rateToReporting } from './fx-conversion.js';
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
    channel: z
      .string()
      .describe(
        'Acquisition channel the money was spent on; `all (channel)` for a channel named `all`, as in stg_accounts.',
      ),
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
          .on((eb) =>
            fxRateAppliesOn(
              eb,
              { date: eb.ref('fx.date'), validUntil: eb.ref('fx.valid_until') },
              eb.ref('s.month'),
            ),
          ),
      )
      .select((eb) => [
        's.month',
        groupNameOf(eb, eb.ref('s.channel'), 'channel').as('channel'),
        's.category',
        // Exactly, whatever the order of the rows: a refresh appends a new spend file's rows after the
        // kept ones, where a build reads them in file-name order, and a plain DOUBLE sum of 0.1, 0.2 and
        // 0.3 is 0.6000000000000001 in one order and 0.6 in another.
        exactSum(
          eb,
          eb(
            's.amount',
            '*',
            rateToReporting(eb, eb.ref('s.currency'), eb.ref('fx.rate'), vars.reportingCurrency),
          ),
        ).as('amount_reporting'),
      ])
      .where((eb) => eb('s.month', '<=', monthStart(eb, dateValue(vars.asOf))))
      .groupBy(['s.month', 's.channel', 's.category']),
});
