import {
  asDouble,
  defineModel,
  notNull,
  type PartitionChanges,
  partitionsWhoseRowsDiffer,
} from '@pulse/core';
import { z } from 'zod';
import type { PulseVars } from '../config.js';
import { rawSubscriptions } from '../sources/raw-tables.js';
import { onDates } from './event-partitions.js';
import { fxRateAppliesOn, rateToReporting } from './fx-conversion.js';
import { stgAccounts } from './stg_accounts.js';
import { stgFxRates } from './stg_fx_rates.js';

/** The table's columns, also what a refresh compares to find the start days that changed. */
const subscriptionPeriodColumns = z.object({
  subscription_id: z.string().describe('The subscription this period belongs to.'),
  account_id: z.string().describe('Account that holds the subscription.'),
  plan: z.string().describe('Plan name.'),
  billing_interval: z.string().describe('Length of one billing cycle: month, quarter or year.'),
  amount: z
    .number()
    .describe(
      'Recurring charge per billing cycle in the subscription currency, after discounts, excluding tax.',
    ),
  currency: z.string().describe('ISO 4217 code of the amount.'),
  fx_rate: z
    .number()
    .nullable()
    .describe(
      'Units of the reporting currency per unit of the subscription currency, at the rate of the period start date (1 for the reporting currency).',
    ),
  mrr: z
    .number()
    .nullable()
    .describe(
      'Monthly recurring revenue of the period in the reporting currency: amount divided by the months of its billing cycle (1, 3 or 12), converted. Trials and free periods count 0.',
    ),
  start_date: z.iso.date().describe('First day the period is in force.'),
  end_date: z.iso
    .date()
    .nullable()
    .describe('First day the period is no longer in force; empty while it runs.'),
  is_trial: z.boolean().describe('True for a trial period, which never counts as recurring revenue.'),
});

/**
 * G7: a period converts at the rate of its start_date and keeps it for its whole life, so exchange-rate
 * moves never show up as MRR movements. Periods of accounts that do not exist yet (G2) are left out.
 * Periods scheduled to start after as_of (a plan change the export already holds) are kept: no snapshot
 * day reaches them, so they count in no month's MRR, but an upcoming renewal is judged by the contract in
 * effect the day before it, which may be one of them (int_renewal_dates). Leaving them out made a
 * subscription upgraded after as_of look cancelled at the old period's end, and its renewal vanish.
 */
export const stgSubscriptions = defineModel({
  name: 'stg_subscriptions',
  layer: 'staging',
  materialized: 'table',
  description:
    'One row per subscription period at a constant price (those scheduled to start after the as-of date included), ' +
    'with its monthly recurring revenue in the reporting currency.',
  grain: ['subscription_id', 'start_date'],
  columns: subscriptionPeriodColumns,
  tests: [notNull('mrr', { severity: 'warn', name: 'stg_subscriptions_mrr_has_fx_rate' })],
  // The export is a snapshot, read whole whenever it changes, so no file says which periods moved: a refresh
  // compares the rows now with the table's (0.3 s at L) and rebuilds the start days that differ. The MRR
  // chain downstream then knows from which month on anything can have changed (int_account_months).
  partitionBy: {
    column: 'start_date',
    uniqueKeysWithinPartition: true,
    changed: (db, changes: PartitionChanges<PulseVars>) =>
      partitionsWhoseRowsDiffer(db, changes, 'start_date', Object.keys(subscriptionPeriodColumns.shape)),
  },
  inputs: [stgAccounts, stgFxRates, rawSubscriptions],
  build: (db, { vars, partitions }: { vars: PulseVars; partitions?: readonly string[] }) =>
    db
      .with('converted', (qb) =>
        qb
          .selectFrom('raw.subscriptions as s')
          .innerJoin('stg_accounts as a', 'a.account_id', 's.account_id')
          .leftJoin('stg_fx_rates as fx', (join) =>
            join
              .onRef('fx.currency', '=', 's.currency')
              .on((eb) =>
                fxRateAppliesOn(
                  eb,
                  { date: eb.ref('fx.date'), validUntil: eb.ref('fx.valid_until') },
                  eb.ref('s.start_date'),
                ),
              ),
          )
          .select((eb) => [
            's.subscription_id',
            's.account_id',
            's.plan',
            's.billing_interval',
            asDouble(eb.ref('s.amount')).as('amount'),
            's.currency',
            asDouble(rateToReporting(eb, eb.ref('s.currency'), eb.ref('fx.rate'), vars.reportingCurrency)).as(
              'fx_rate',
            ),
            's.start_date',
            's.end_date',
            's.is_trial',
          ])
          .$if(partitions !== undefined, (q) => q.where(onDates('s.start_date', partitions!))),
      )
      .selectFrom('converted')
      .select((eb) => {
        const monthsPerCycle = eb
          .case('billing_interval')
          .when('quarter')
          .then(eb.lit(3))
          .when('year')
          .then(eb.lit(12))
          .else(eb.lit(1))
          .end();
        return [
          'subscription_id',
          'account_id',
          'plan',
          'billing_interval',
          'amount',
          'currency',
          'fx_rate',
          asDouble(
            eb
              .case()
              .when(eb.or([eb.ref('is_trial'), eb('amount', '=', eb.lit(0))]))
              .then(eb.lit(0))
              .else(eb(eb('amount', '/', monthsPerCycle), '*', eb.ref('fx_rate')))
              .end(),
          ).as('mrr'),
          'start_date',
          'end_date',
          'is_trial',
        ];
      }),
});
