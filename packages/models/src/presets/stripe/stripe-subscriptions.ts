import { type PresetDerivation, type PresetSqlContext, sqlString } from '@pulse/core';
import type { PulseConfig } from '../../config.js';
import { classifiedLinesSql, pricedLinesSql } from './stripe-line-items.js';
import { DROPPED_PERIODS, PERIOD_CTES, periodCandidate } from './stripe-periods.js';
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
), noted as (
  select p.*, s.id is not null as has_subscription, ${utcDate('s.ended_at')} as ended_date,
         ${utcDate('s.trial_end')} as trial_date,
         ${unreadableNote('s.ended_at', 'ended_at')} as ended_note,
         ${unreadableNote('s.trial_end', 'trial_end')} as trial_note
  from priced p left join subscriptions s on s.id = p.stripe_subscription
), dated as (
  -- A subscription whose ended_at or trial_end cannot be read leaves its items' ends or trials unknown:
  -- each line reaches the contract with the value and a note (wrong_type), not as a period left uncut.
  select *, ${periodCandidate('noted')} and ended_note is null and trial_note is null as period_candidate
  from noted
), ${PERIOD_CTES}`;
}

/** The text an unreadable timestamp of the line's `subscription` row shows in the quarantine reason. */
function unreadableNote(value: string, column: string): string {
  return `(case when ${value} is not null and ${utcDate(value)} is null
             then ${value} || ' (the ${column} of its subscription: not an ISO timestamp or Unix epoch seconds)' end)`;
}

/** The end_date a line without a period end reaches the contract with: a note it rejects as wrong_type. */
const NO_PERIOD_END = '(empty: a Stripe line item always has a period end)';

const OUTPUT_COLUMNS = `subscription_id, account_id, plan, billing_interval,
       ${moneyText('amount_minor_net', 'currency', ['amount', 'discount_amount'], ['quantity'], ['discount_amounts'])} as amount,
       upper(currency) as currency`;

/**
 * subscriptions ← invoice_line_item (subscription lines of paid, open and uncollectible invoices), with
 * price (or plan), product, invoice and subscription: see stripe-line-items.ts and stripe-periods.ts.
 * Lines that cannot be a period (see periodCandidate) skip trimming and merging and reach the contract
 * as written, each quarantined at its own line. A line without a period end is one: Stripe's line item
 * always has `period.end`, so its absence is a gap in the export, not a period still in force; it reaches
 * the contract with a note in end_date (wrong_type) rather than as an open-ended period.
 */
export const stripeSubscriptions: PresetDerivation<PulseConfig> = {
  requires: [['invoice_line_item'], ['invoice'], ['price', 'plan']],
  optional: ['price', 'plan', 'product', 'subscription'],
  select: (context) => `${subscriptionCtes(context)}
select _file, _line, ${OUTPUT_COLUMNS}, strftime(start_date, '%Y-%m-%d') as start_date,
       strftime(period_end, '%Y-%m-%d') as end_date, is_trial::VARCHAR as is_trial
from merged
union all
select _file, _line, ${OUTPUT_COLUMNS}, ${dateText('start_date', 'start_text')},
       coalesce(ended_note, ${dateText('end_date', 'end_text')}, ${sqlString(NO_PERIOD_END)}),
       coalesce(trial_note, (case when has_subscription then coalesce(start_date < trial_date, false)
             else amount_minor_net = 0 end)::VARCHAR)
from dated where not period_candidate`,
  ignored: (context) => `${subscriptionCtes(context)}
select 'invoice_line_item' as vendor_table, ignored as reason, count(*) as rows
from classified where ignored is not null group by ignored
union all
select 'invoice_line_item', reason, rows from (${DROPPED_PERIODS})`,
};
