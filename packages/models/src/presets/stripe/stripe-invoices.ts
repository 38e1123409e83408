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

/** True when a JSON list cell is there: neither empty nor JSON null (which reads as an empty cell). */
function hasList(text: string): string {
  return `coalesce(json_type(${validJson(text)}) <> 'NULL', ${text} is not null)`;
}

/**
 * An invoice's amount without tax, in minor units: `total − tax` (ADAPTERS.md), tax read per row in the
 * first spelling the row has:
 * - `tax`, the field before Stripe API version 2025-03-31.basil;
 * - else `total_taxes`, basil's list of `{amount, tax_behavior, …}` that replaced it (and
 *   `total_tax_amounts`): Σ amount, inclusive and exclusive taxes alike, as `tax` summed them; a cell that
 *   is no list of whole amounts leaves the amount unknown (quarantined), as in tax_amounts;
 * - else `total_excluding_tax` as the amount itself: Stripe defines it as the total including discounts
 *   but excluding all tax, i.e. `total − tax`, in both API versions; the spelling of a sync that keeps the
 *   scalar fields but writes lists to tables of their own;
 * - else no tax (ADAPTERS.md: a missing tax is 0).
 * Before, a basil invoice (no `tax`) was read as tax 0: its amount silently included the tax.
 * https://docs.stripe.com/changelog/basil/2025-03-31/invoice-tax-configurations,
 * https://docs.stripe.com/api/invoices/object (total, total_excluding_tax, total_taxes); stripe-node's
 * commit for 2025-03-31.basil (f2530a134, types/Invoices.d.ts) drops `tax` and `total_tax_amounts`.
 */
function invoiceAmountMinor(): string {
  const total = minorUnits('i.total');
  return `case when i.tax is not null then ${total} - ${minorUnits('i.tax')}
         when ${hasList('i.total_taxes')} then ${total} - ${listAmountSum('i.total_taxes')}
         when i.total_excluding_tax is not null then ${minorUnits('i.total_excluding_tax')}
         else ${total} end`;
}

/**
 * invoices ← invoice (not drafts) and credit_note (not void).
 * - invoice: id, customer, created, `total − tax` (see invoiceAmountMinor) in major units, status
 *   paid → paid, open and uncollectible → open, void → void.
 * - credit note: an invoice row with its id, the credited invoice's customer (else the credit note's own
 *   customer column), created, status `paid`, its currency, and minus the credited amount without tax:
 *   −subtotal where the row has one, else −(amount − Σ tax_amounts) where the row has tax_amounts, else
 *   −(amount − Σ total_taxes) where it has total_taxes (basil's spelling of tax_amounts), else −amount
 *   (https://docs.stripe.com/api/credit_notes/object).
 */
export const stripeInvoices: PresetDerivation<PulseConfig> = {
  requires: [['invoice']],
  optional: ['credit_note'],
  select: ({ table }) => {
    const credited = `case when n.subtotal is not null then ${minorUnits('n.subtotal')}
         when ${hasList('n.tax_amounts')} then ${minorUnits('n.amount')} - ${listAmountSum('n.tax_amounts')}
         when ${hasList('n.total_taxes')} then ${minorUnits('n.amount')} - ${listAmountSum('n.total_taxes')}
         else ${minorUnits('n.amount')} end`;
    return `with invoices as (
  select * from ${table('invoice')}
), customers as (
  -- The first row of an id in file order, as the contract keeps the first of a duplicate id.
  ${onePerId('invoices', { customer: refId('customer') }, '_order')}
)
select i._file, i._line, i.id as invoice_id, ${refId('customer', 'i.')} as account_id,
       ${timestampText('i.created')} as issued_at,
       ${moneyText(invoiceAmountMinor(), 'i.currency', ['i.total', 'i.tax', 'i.total_excluding_tax'], [], ['i.total_taxes'])} as amount,
       upper(i.currency) as currency, ${INVOICE_STATUS} as status
from invoices i where lower(i.status) is distinct from 'draft'
union all
select n._file, n._line, n.id, coalesce(c.customer, ${refId('customer', 'n.')}),
       ${timestampText('n.created')},
       ${moneyText(`-(${credited})`, 'n.currency', ['n.subtotal', 'n.amount'], [], ['n.tax_amounts', 'n.total_taxes'])},
       upper(n.currency), 'paid'
from ${table('credit_note')} n left join customers c on c.id = ${refId('invoice', 'n.')}
where lower(n.status) is distinct from 'void'`;
  },
  ignored: ({ table }) => `select 'invoice' as vendor_table, 'left out as drafts' as reason, count(*) as rows
from ${table('invoice')} where lower(status) = 'draft'
union all
select 'credit_note', 'left out as void', count(*) from ${table('credit_note')} where lower(status) = 'void'`,
};
