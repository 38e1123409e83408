import type { PresetDerivation, PresetSqlContext } from '@pulse/core';
import type { PulseConfig } from '../../config.js';
import { classifiedLinesSql, pricedLinesSql } from './stripe-line-items.js';
import { DROPPED_PERIODS, PERIOD_CTES } from './stripe-periods.js';
import { dateText, isTrue, moneyText, onePerId, utcDate } from './stripe-values.js';

/**
 * The CTE chain from line items to merged periods. The subscription's row (for `ended_at` and
 * `trial_end`) is its active one in a Fivetran history table (`_fivetran_active`), else its latest synced,
 * else its last in file order.
 */
function subscriptionCtes(context: PresetSqlContext): string {
  return `with classified as (
  ${classifiedLinesSql(context)}
), priced as (
  ${pricedLinesSql(context, '(select * from classified where ignored is null)')}
), subscriptions as (
  ${onePerId(
    context.table('subscription'),
    { ended_at: 'ended_at', trial_end: 'trial_end' },
    `struct_pack(active := ${isTrue('_fivetran_active')}, synced := coalesce(_fivetran_synced, ''), o := _order)`,
    'max',
  )}
), dated as (
  select p.*, s.id is not null as has_subscription, ${utcDate('s.ended_at')} as ended_date,
         ${utcDate('s.trial_end')} as trial_date,
         p.subscription_id is not null and p.start_date is not null
           and (p.end_text is null or p.end_date is not null) as well_formed
  from priced p left join subscriptions s on s.id = p.stripe_subscription
), ${PERIOD_CTES}`;
}

const OUTPUT_COLUMNS = `subscription_id, account_id, plan, billing_interval,
       ${moneyText('amount_minor_net', 'currency', ['amount', 'quantity', 'discount_amount'])} as amount,
       upper(currency) as currency`;

/**
 * subscriptions ← invoice_line_item (subscription lines of paid, open and uncollectible invoices), with
 * price (or plan), product, invoice and subscription: see stripe-line-items.ts and stripe-periods.ts.
 * Lines whose dates do not parse skip trimming and merging and reach the contract as written
 * (quarantined as wrong_type at their line).
 */
export const stripeSubscriptions: PresetDerivation<PulseConfig> = {
  requires: [['invoice_line_item'], ['invoice'], ['price', 'plan']],
  optional: ['price', 'plan', 'product', 'subscription'],
  select: (context) => `${subscriptionCtes(context)}
select _file, _line, ${OUTPUT_COLUMNS}, strftime(start_date, '%Y-%m-%d') as start_date,
       strftime(period_end, '%Y-%m-%d') as end_date, is_trial::VARCHAR as is_trial
from merged
union all
select _file, _line, ${OUTPUT_COLUMNS}, ${dateText('start_date', 'start_text')}, ${dateText('end_date', 'end_text')},
       (case when has_subscription then coalesce(start_date < trial_date, false)
             else amount_minor_net = 0 end)::VARCHAR
from dated where not well_formed`,
  ignored: (context) => `${subscriptionCtes(context)}
select 'invoice_line_item' as vendor_table, ignored as reason, count(*) as rows
from classified where ignored is not null group by ignored
union all
select 'invoice_line_item', reason, rows from (${DROPPED_PERIODS})`,
};
