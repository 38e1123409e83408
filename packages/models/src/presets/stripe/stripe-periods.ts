import { isCurrencyCodeSql } from '@pulse/core';

/**
 * SQL over a priced line item `p`: true when the line can be a period the contract accepts, judging it
 * alone: a subscription id, an account (its invoice is in the export), a plan, a billing interval of the
 * contract, an amount in minor units that is not negative, a currency code the contract accepts (ISO
 * 4217's), and UTC dates with the end after the start. Only these lines are ordered, trimmed and merged; any other line reaches the contract
 * as its own row and is quarantined there, at its own file and line, so it can neither cut, stretch nor
 * swallow a good period.
 */
export function periodCandidate(p: string): string {
  return `coalesce(${p}.subscription_id is not null and ${p}.account_id is not null and ${p}.plan is not null
           and ${p}.billing_interval in ('month', 'quarter', 'year') and ${p}.amount_minor_net >= 0
           and ${isCurrencyCodeSql(`${p}.currency`)} and ${p}.end_date > ${p}.start_date, false)`;
}

/**
 * SQL CTEs over `dated` (priced line items with their subscription's `ended_date`, `trial_date` and
 * `has_subscription`, and `period_candidate`: see periodCandidate) turning the candidates into canonical
 * periods, all in window functions over the lines of one subscription_id:
 * 1. `trimmed`: ordered by start then file order (files by name, then line), each period ends at the
 *    earlier of its own end and the next period's start (a tie: the later line wins), whichever customer's
 *    invoice the next line is on: one subscription item is one history (ADAPTERS.md), so it never overlaps
 *    itself;
 * 2. `clipped`: no period runs past the UTC date of its subscription's `ended_at`;
 * 3. `kept`: periods left without length by 1–2 are dropped; `is_trial` is set;
 * 4. `grouped`/`merged`: consecutive periods that touch and agree on plan, amount, currency, interval and
 *    trial merge into one, at the file and line of the line item that starts it. Periods of two customers
 *    never merge: a merged row has one account_id, and merging would move the later one's MRR to the first.
 */
export const PERIOD_CTES = `trimmed as (
  select *, lead(start_date) over (partition by subscription_id order by start_date, _order) as next_start
  from dated where period_candidate
), clipped as (
  select *, least(end_date, next_start, ended_date) as period_end from trimmed
), kept as (
  select *,
         case when has_subscription then coalesce(start_date < trial_date, false)
              else amount_minor_net = 0 end as is_trial
  from clipped
  where period_end > start_date
), flagged as (
  select *,
         case when lag(period_end) over w = start_date
                   and lag(account_id) over w = account_id
                   and lag(plan) over w is not distinct from plan
                   and lag(amount_minor_net) over w is not distinct from amount_minor_net
                   and lag(upper(currency)) over w is not distinct from upper(currency)
                   and lag(billing_interval) over w is not distinct from billing_interval
                   and lag(is_trial) over w is not distinct from is_trial
              then 0 else 1 end as starts_period
  from kept window w as (partition by subscription_id order by start_date, _order)
), grouped as (
  select *, sum(starts_period) over (partition by subscription_id order by start_date, _order
                                     rows between unbounded preceding and current row) as period_no
  from flagged
), merged as (
  select * replace (last_value(period_end) over (
             partition by subscription_id, period_no order by start_date, _order
             rows between unbounded preceding and unbounded following) as period_end)
  from grouped
  qualify starts_period = 1
)`;

/** SQL: the line items PERIOD_CTES drops, as (reason, rows). */
export const DROPPED_PERIODS = `select case when next_start <= start_date then 'superseded by a later line of their subscription item'
            else 'starting after their subscription ended' end as reason, count(*) as rows
from clipped
where period_end <= start_date
group by 1
union all
select 'merged into the period before (same plan, amount, currency, interval and trial)', count(*)
from flagged where starts_period = 0`;
