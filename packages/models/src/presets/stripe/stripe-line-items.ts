import type { PresetSqlContext } from '@pulse/core';
import { billingIntervalSql, pricesSql } from './stripe-prices.js';
import {
  isTrue,
  jsonField,
  listAmountSum,
  minorUnits,
  nestedField,
  onePerId,
  refId,
  utcDate,
  validJson,
  wholeCount,
} from './stripe-values.js';

/** The line's parent and its subscription item details (Stripe API version 2025-03-31.basil). */
const parentType = nestedField('parent', ['type']);
const basilItem = (field: string) => nestedField('parent', ['subscription_item_details', field]);

/**
 * The line's `type` in ADAPTERS.md's words: `type` where the row has it (before 2025-03-31.basil), else
 * basil's `parent.type` respelled: `invoice_item_details` is `invoiceitem`; `subscription_item_details` is
 * `subscription`, unless its `invoice_item` is set: basil moved the line's `invoice_item` there too, so a
 * line an invoice item generated for a subscription item (a proration a subscription change left pending
 * for the next invoice) is `invoiceitem`, as the older `type` said of the same line. Any other parent type
 * passes through (not a subscription line). Per row, so a table synced across the upgrade reads both; a
 * row with both reads `type` (they agree).
 * https://docs.stripe.com/changelog/basil/2025-03-31/adds-new-parent-field-to-invoicing-objects ("This
 * also applies to: subscription, invoice_item, proration, proration_details"),
 * https://docs.stripe.com/api/invoice-line-item/object (`parent.subscription_item_details.invoice_item`:
 * "The invoice item that generated this line item").
 */
const LINE_TYPE = `lower(coalesce(type, case lower(${parentType})
         when 'subscription_item_details' then case when ${basilItem('invoice_item')} is null then 'subscription' else 'invoiceitem' end
         when 'invoice_item_details' then 'invoiceitem' else ${parentType} end))`;

/**
 * SQL: every `invoice_line_item` row with `ignored`, the reason the subscriptions derivation leaves it
 * out (NULL for a period candidate):
 * - `not subscription lines`: `type` (see LINE_TYPE) is not `subscription` (one-off invoice items). A line
 *   without a type but with a subscription counts as a subscription line (some syncs leave `type` empty).
 * - `on draft or void invoices`: its invoice's status is not paid, open or uncollectible. A line whose
 *   invoice is not in the export is kept, and quarantined for its missing account_id.
 * - `proration credits`: a proration line with a zero or negative amount (the unused time given back).
 */
export function classifiedLinesSql({ table }: PresetSqlContext): string {
  return `select l.*, i.customer as account_id,
       case when not (l.type = 'subscription' or (l.type is null and l.stripe_subscription is not null))
              then 'not subscription lines'
            when i.id is not null and coalesce(lower(i.status), '') not in ('paid', 'open', 'uncollectible')
              then 'on draft or void invoices'
            when l.proration and l.amount_minor <= 0 then 'proration credits (zero or negative amount)'
       end as ignored
from (
  -- Each field in its pre-basil spelling, else basil's (parent.subscription_item_details.*,
  -- pricing.price_details.price), flattened or in the parent / pricing JSON column: see nestedField.
  select _file, _line, _order, ${LINE_TYPE} as type,
         coalesce(${refId('subscription_item')}, ${basilItem('subscription_item')},
                  ${refId('subscription')}, ${basilItem('subscription')}) as subscription_id,
         coalesce(${refId('subscription')}, ${basilItem('subscription')}) as stripe_subscription,
         ${refId('invoice')} as invoice_key,
         coalesce(${refId('price')}, ${nestedField('pricing', ['price_details', 'price'])}, ${refId('plan')}) as price_key,
         currency, ${isTrue(`coalesce(proration, ${basilItem('proration')})`)} as proration,
         amount, ${minorUnits('amount')} as amount_minor,
         quantity, discount_amounts, discount_amount,
         coalesce(period_start, ${jsonField('period', 'start')}) as start_text,
         coalesce(period_end, ${jsonField('period', 'end')}) as end_text
  from ${table('invoice_line_item')}
) l left join (
  -- The first row of an invoice id in file order, as the contract keeps the first of a duplicate id.
  ${onePerId(table('invoice'), { customer: refId('customer'), status: 'status' }, '_order')}
) i on i.id = l.invoice_key`;
}

/**
 * SQL over `candidates` (classifiedLinesSql rows not ignored): each line as a period candidate with its
 * price's `plan` and `billing_interval`, UTC `start_date`/`end_date`, and `amount_minor_net`:
 * - a non-proration line: its amount less its discounts (a non-empty `discount_amounts` list wins, `[]`
 *   is none, else the `discount_amount` column);
 * - a proration line (amount > 0): the full-cycle price, `unit_amount × quantity`, less the share of it
 *   its discounts take of its own amount, rounded half away from zero to the minor unit.
 */
export function pricedLinesSql(context: PresetSqlContext, candidates: string): string {
  // An empty cell or JSON null: the discount_amount column. Anything else is the list: `[]` is no
  // discount, and a cell that is no list of whole amounts leaves the amount unknown (quarantined).
  const discount = `case when coalesce(json_type(${validJson('c.discount_amounts')}) = 'NULL', c.discount_amounts is null)
           then coalesce(${minorUnits('c.discount_amount')}, case when c.discount_amount is null then 0 end)
         else ${listAmountSum('c.discount_amounts')} end`;
  // A missing quantity is one unit; one that is not a whole number leaves the amount NULL (quarantined).
  const full = `(p.unit_amount * coalesce(${wholeCount('c.quantity')}, case when c.quantity is null then 1 end))`;
  // n / d rounded half away from zero, in integers: sign(n) · ⌊(2|n| + d) / 2d⌋ for d > 0.
  const share = `sign(${full} * c.discount) * ((2 * abs(${full} * c.discount) + c.amount_minor) // (2 * c.amount_minor))`;
  return `select c.*, coalesce(p.product_name, p.nickname, c.price_key) as plan,
       ${billingIntervalSql('p.price_interval', 'p.price_interval_count')} as billing_interval,
       case when not c.proration then c.amount_minor - c.discount else ${full} - ${share} end as amount_minor_net,
       ${utcDate('c.start_text')} as start_date, ${utcDate('c.end_text')} as end_date
from (select c.*, ${discount} as discount from ${candidates} c) c
left join (${pricesSql(context)}) p on p.id = c.price_key`;
}
