import { asDouble, defineModel } from '@pulse/core';
import { z } from 'zod';
import type { PulseVars } from '../config.js';
import { rawFxRates } from '../sources/raw-tables.js';
import { reportingCurrencyCode } from './fx-conversion.js';

/**
 * Each rate with the date it stops applying, so a conversion is a plain range join ("latest rate date on or
 * before D"). Rows for the reporting currency are ignored: it always converts at 1.
 */
export const stgFxRates = defineModel({
  name: 'stg_fx_rates',
  layer: 'staging',
  materialized: 'table',
  description:
    'One row per exchange rate of a foreign currency, with the period it applies to (until the next rate of that currency).',
  grain: ['currency', 'date'],
  columns: z.object({
    currency: z.string().describe('ISO 4217 code of the foreign currency.'),
    date: z.iso.date().describe('First day this rate applies.'),
    rate: z.number().describe('Units of the reporting currency for one unit of the currency.'),
    valid_until: z.iso
      .date()
      .nullable()
      .describe('Date of the next rate of this currency (exclusive end); empty for the latest rate.'),
  }),
  inputs: [rawFxRates],
  build: (db, { vars }: { vars: PulseVars }) =>
    db
      .selectFrom('raw.fx_rates')
      .select((eb) => [
        'currency',
        'date',
        asDouble(eb.ref('rate')).as('rate'),
        eb.fn
          .agg<string | null>('lead', ['date'])
          .over((ob) => ob.partitionBy('currency').orderBy('date'))
          .as('valid_until'),
      ])
      .where((eb) => eb('currency', '<>', reportingCurrencyCode(eb, vars.reportingCurrency))),
});
