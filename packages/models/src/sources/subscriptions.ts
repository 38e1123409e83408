import { defineSource, isoDateText, sqlString } from '@pulse/core';
import { accountReference } from './account-reference.js';
import { noFxRateCheck } from './fx-rate-check.js';

export const subscriptionsSource = defineSource({
  name: 'subscriptions',
  required: true,
  description:
    'One row per subscription period at a constant price: a price, plan or quantity change ends one period and starts the next.',
  columns: [
    {
      name: 'subscription_id',
      type: 'id',
      required: true,
      description: 'The subscription this period belongs to.',
    },
    { name: 'account_id', type: 'id', required: true, description: 'Must exist in accounts.' },
    { name: 'plan', type: 'string', required: true, description: 'Plan name.' },
    {
      name: 'billing_interval',
      type: { enum: ['month', 'quarter', 'year'] },
      required: true,
      description: 'Length of one billing cycle.',
    },
    {
      name: 'amount',
      type: 'money',
      required: true,
      range: { min: 0 },
      description:
        'Recurring charge per billing interval, after discounts, excluding tax; 0 for free or trial periods.',
    },
    { name: 'currency', type: 'currency', required: true, description: 'ISO 4217 code of the amount.' },
    { name: 'start_date', type: 'date', required: true, description: 'First day the period is in force.' },
    {
      name: 'end_date',
      type: 'date',
      description: 'First day it is no longer in force (exclusive); empty while still in force.',
    },
    {
      name: 'is_trial',
      type: 'boolean',
      default: false,
      description: 'Trial periods never count as MRR; default false.',
    },
  ],
  references: [accountReference],
  checks: [
    noFxRateCheck((column) => column('start_date'), 'period start_date'),
    {
      reasonCode: 'bad_period',
      column: 'end_date',
      description: 'A period ends after it starts.',
      failsWhen: () => 'end_date <= start_date',
      reason: ({ label }) =>
        `${sqlString(`${label('end_date')} `)} || ${isoDateText('end_date')} || ${sqlString(` is not after ${label('start_date')} `)} || ${isoDateText('start_date')}`,
    },
    {
      reasonCode: 'overlapping_period',
      column: 'start_date',
      scope: 'valid_rows',
      description:
        'Periods of one subscription do not overlap: of two overlapping periods, the one with the later start_date (ties: later in file order) is quarantined.',
      failsWhen: () =>
        `start_date < max(coalesce(end_date, 'infinity'::date)) over (
           partition by subscription_id order by start_date, _order
           rows between unbounded preceding and 1 preceding)`,
      // A period invalid at a later column (an unreadable end_date, is_trial) is judged against the same
      // valid periods. One that ends before it starts (bad_period) is empty: it overlaps nothing.
      failsForInvalidRow: ({ column }, validRows) =>
        `(${column('end_date')} is null or ${column('end_date')} > ${column('start_date')})
         and exists (select 1 from ${validRows} earlier
           where earlier.subscription_id = ${column('subscription_id')}
             and (earlier.start_date < ${column('start_date')}
                  or (earlier.start_date = ${column('start_date')} and earlier._order < ${column('_order')}))
             and ${column('start_date')} < coalesce(earlier.end_date, 'infinity'::date))`,
      reason: () =>
        `'the period starting ' || ${isoDateText('start_date')} || ' overlaps an earlier period of subscription ' || subscription_id`,
    },
  ],
});
