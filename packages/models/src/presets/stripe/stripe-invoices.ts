import type { PresetDerivation } from '@pulse/core';
import type { PulseConfig } from '../../config.js';
import {
  listAmountSum,
  minorUnits,
  moneyText,
  onePerId,
  refId,
  timestampText,
  validJson,
} from './stripe-values.js';

/** Stripe invoice status → the contract's; others pass through and are `unknown_value`. */
const INVOICE_STATUS = `case lower(i.status) when 'paid' then 'paid' when 'open' then 'open'
         when 'uncollectible' then 'open' when 'void' then 'void' else i.status end`;

/**
 * invoices ← invoice (not drafts) and credit_note (not void).
 * - invoice: id, customer, created, `total − tax` (a missing tax is 0) in major units, status
 *   paid → paid, open and uncollectible → open, void → void.
 * - credit note: an invoice row with its id, the credited invoice's customer (else the credit note's own
 *   customer column), created, status `paid`, its currency, and minus the credited amount without tax:
 *   −subtotal where the row has one, else −(amount − Σ tax_amounts) where the row has tax_amounts, else
 *   −amount (https://docs.stripe.com/api/credit_notes/object).
 */
export const stripeInvoices: PresetDerivation<PulseConfig> = {
  requires: [['invoice']],
  optional: ['credit_note'],
  select: ({ table }) => {
    const total = minorUnits('i.total');
    const tax = `coalesce(${minorUnits('i.tax')}, case when i.tax is null then 0 end)`;
    const taxes = listAmountSum('n.tax_amounts');
    // JSON null in tax_amounts is an empty cell, as in discount_amounts.
    const hasTaxes = `coalesce(json_type(${validJson('n.tax_amounts')}) <> 'NULL', n.tax_amounts is not null)`;
    const credited = `case when n.subtotal is not null then ${minorUnits('n.subtotal')}
         when ${hasTaxes} then ${minorUnits('n.amount')} - ${taxes}
         else ${minorUnits('n.amount')} end`;
    return `with invoices as (
  select * from ${table('invoice')}
), customers as (
  -- The first row of an id in file order, as the contract keeps the first of a duplicate id.
  ${onePerId('invoices', { customer: refId('customer') }, '_order')}
)
select i._file, i._line, i.id as invoice_id, ${refId('customer', 'i.')} as account_id,
       ${timestampText('i.created')} as issued_at,
       ${moneyText(`${total} - ${tax}`, 'i.currency', ['i.total', 'i.tax'])} as amount,
       upper(i.currency) as currency, ${INVOICE_STATUS} as status
from invoices i where lower(i.status) is distinct from 'draft'
union all
select n._file, n._line, n.id, coalesce(c.customer, ${refId('customer', 'n.')}),
       ${timestampText('n.created')},
       ${moneyText(`-(${credited})`, 'n.currency', ['n.subtotal', 'n.amount'], [], ['n.tax_amounts'])},
       upper(n.currency), 'paid'
from ${table('credit_note')} n left join customers c on c.id = ${refId('invoice', 'n.')}
where lower(n.status) is distinct from 'void'`;
  },
  ignored: ({ table }) => `select 'invoice' as vendor_table, 'left out as drafts' as reason, count(*) as rows
from ${table('invoice')} where lower(status) = 'draft'
union all
select 'credit_note', 'left out as void', count(*) from ${table('credit_note')} where lower(status) = 'void'`,
};
