import { defineSource } from '@pulse/core';
import { noFxRateCheck } from './fx-rate-check.js';

export const spendSource = defineSource({
  name: 'spend',
  required: false,
  description: 'Acquisition cost, one row per month, channel and category.',
  columns: [
    {
      name: 'month',
      type: 'month',
      required: true,
      description: 'YYYY-MM or a date (its month is used); stored as the first day of the month.',
    },
    {
      name: 'channel',
      type: 'string',
      required: true,
      description: 'Matches accounts.acquisition_channel; `all` is read as `all (channel)`.',
    },
    {
      name: 'category',
      type: { enum: ['marketing', 'sales'] },
      required: true,
      description: 'Marketing or sales spend.',
    },
    { name: 'amount', type: 'money', required: true, description: 'Spend of the month.' },
    { name: 'currency', type: 'currency', required: true, description: 'ISO 4217 code of the amount.' },
  ],
  checks: [noFxRateCheck((column) => column('month'), 'first day of the month')],
});
