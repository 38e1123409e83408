import { defineSource } from '@pulse/core';
import { accountReference } from './account-reference.js';
import { noFxRateCheck } from './fx-rate-check.js';

export const invoicesSource = defineSource({
  name: 'invoices',
  required: false,
  description: 'One row per invoice or credit note.',
  columns: [
    { name: 'invoice_id', type: 'id', required: true, description: 'Unique.' },
    { name: 'account_id', type: 'id', required: true, description: 'Must exist in accounts.' },
    { name: 'issued_at', type: 'timestamp', required: true, description: 'Issue time.' },
    {
      name: 'amount',
      type: 'money',
      required: true,
      description: 'Total excluding tax; negative for credit notes.',
    },
    { name: 'currency', type: 'currency', required: true, description: 'ISO 4217 code of the amount.' },
    {
      name: 'status',
      type: { enum: ['paid', 'open', 'void', 'refunded'] },
      required: true,
      description: 'Only paid counts as revenue.',
    },
  ],
  uniqueKeys: [['invoice_id']],
  references: [accountReference],
  checks: [noFxRateCheck((column) => `${column('issued_at')}::date`, 'issue date')],
});
