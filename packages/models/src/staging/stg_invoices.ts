import { asDate, asDouble, dateValue, defineModel, endOfDay, monthStart } from '@pulse/core';
import { z } from 'zod';
import type { PulseVars } from '../config.js';
import { rawInvoices } from '../sources/raw-tables.js';
import { asOfBoundMonths, inMonths } from './as-of-partitions.js';
import { fxRateAppliesOn, rateToReporting } from './fx-conversion.js';
import { stgAccounts } from './stg_accounts.js';
import { stgFxRates } from './stg_fx_rates.js';

/** G2: only invoices issued by the end of the as_of day, of accounts that exist by then; G7: issue-day rate. */
export const stgInvoices = defineModel({
  name: 'stg_invoices',
  layer: 'staging',
  materialized: 'table',
  description:
    'One row per invoice or credit note issued by the end of the as_of day, converted to the reporting currency.',
  grain: ['invoice_id'],
  columns: z.object({
    invoice_id: z.string().describe('Invoice identifier.'),
    account_id: z.string().describe('Invoiced account.'),
    issued_at: z.date().describe('Issue time (UTC).'),
    issued_month: z.iso.date().describe('First day of the UTC month of issued_at.'),
    status: z.string().describe('paid, open, void or refunded; only paid invoices count as revenue.'),
    amount: z.number().describe('Total excluding tax in the invoice currency; negative for a credit note.'),
    currency: z.string().describe('ISO 4217 code of the amount.'),
    fx_rate: z
      .number()
      .nullable()
      .describe('Units of the reporting currency per unit of the invoice currency on the issue day.'),
    amount_reporting: z.number().nullable().describe('Total excluding tax in the reporting currency.'),
  }),
  // A refresh rebuilds only the months of the invoices that as_of, or an account that came or went, lets in
  // or out (as-of-partitions.ts); a changed invoices file or fx rate rebuilds it whole.
  partitionBy: {
    column: 'issued_month',
    changed: asOfBoundMonths({
      source: 'invoices',
      monthOf: 'issued_at',
      knownBy: ['issued_at'],
      otherInputs: [stgFxRates],
    }),
  },
  inputs: [stgAccounts, stgFxRates, rawInvoices],
  build: (db, { vars, partitions }: { vars: PulseVars; partitions?: readonly string[] }) =>
    db
      .with('converted', (qb) =>
        qb
          .selectFrom('raw.invoices as i')
          .innerJoin('stg_accounts as a', 'a.account_id', 'i.account_id')
          .leftJoin('stg_fx_rates as fx', (join) =>
            join
              .onRef('fx.currency', '=', 'i.currency')
              .on((eb) =>
                fxRateAppliesOn(
                  eb,
                  { date: eb.ref('fx.date'), validUntil: eb.ref('fx.valid_until') },
                  asDate(eb.ref('i.issued_at')),
                ),
              ),
          )
          .select((eb) => [
            'i.invoice_id',
            'i.account_id',
            'i.issued_at',
            'i.status',
            asDouble(eb.ref('i.amount')).as('amount'),
            'i.currency',
            asDouble(rateToReporting(eb, eb.ref('i.currency'), eb.ref('fx.rate'), vars.reportingCurrency)).as(
              'fx_rate',
            ),
          ])
          .where('i.issued_at', '<', endOfDay(dateValue(vars.asOf)))
          .$if(partitions !== undefined, (q) => q.where(inMonths('i.issued_at', partitions!))),
      )
      .selectFrom('converted')
      .select((eb) => [
        'invoice_id',
        'account_id',
        'issued_at',
        monthStart(eb, 'issued_at').as('issued_month'),
        'status',
        'amount',
        'currency',
        'fx_rate',
        eb('amount', '*', eb.ref('fx_rate')).as('amount_reporting'),
      ]),
});
