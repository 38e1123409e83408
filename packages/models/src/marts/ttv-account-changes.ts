import { isInList, type PartitionChanges, relationOf } from '@pulse/core';
import { expressionBuilder, type Kysely, sql } from 'kysely';
import type { PulseVars } from '../config.js';
import { intOptionalSources } from '../intermediate/int_optional_sources.js';
import { MAX_ACCOUNTS_REBUILT_ALONE } from '../max-accounts-rebuilt-alone.js';
import { inEventDays, onDates } from '../staging/event-partitions.js';
import { stgAccounts } from '../staging/stg_accounts.js';
import { stgEvents } from '../staging/stg_events.js';
import { otherVarsChanged } from '../vars-changes.js';

/**
 * The accounts whose ttv_accounts row may differ from the relation as built. A row takes the account's
 * stg_accounts columns and the first of its value events in stg_events, so only these can change:
 * - accounts whose stg_accounts row (id, segment, signup) differs from the row's, or that came or went;
 * - for the days stg_events rebuilt: accounts with a value event on those days earlier than their first
 *   value as built (or with none before), and accounts whose first value as built falls on those days (its
 *   event may be gone).
 * `all` when stg_events was rebuilt whole, the optional sources or another var changed (the value events),
 * or more than MAX_ACCOUNTS_REBUILT_ALONE accounts changed. A nightly day of events then rebuilds the
 * accounts that reached value that day and the signups, where it read every event again (at L 2.4 s of
 * a one-day refresh's model time).
 */
export async function changedTtvAccounts(
  db: Kysely<any>,
  changes: PartitionChanges<PulseVars>,
): Promise<readonly string[] | 'all'> {
  // Raw sql stays in this function: the relation as built is named only at run time (Kysely<any>, so the
  // builder would check nothing); the engine-specific pieces come from the expression helpers.
  if (!changes.previousVars || otherVarsChanged(changes.vars, changes.previousVars)) return 'all';
  if (changes.changedModels.has(intOptionalSources.name)) return 'all';
  const days = changes.changedModels.get(stgEvents.name) ?? [];
  if (days === 'all') return 'all';
  const built = sql.raw(changes.relation);
  const accounts = new Set<string>();
  if (changes.changedModels.has(stgAccounts.name)) {
    const rows = await sql<{ account_id: string }>`
      with now as (select account_id, segment, created_at as signup_at, signup_month from ${sql.raw(relationOf(stgAccounts))}),
      before as (select account_id, segment, signup_at, signup_month from ${built})
      select account_id from (from now except from before) union select account_id from (from before except from now)`.execute(
      db,
    );
    for (const row of rows.rows) accounts.add(row.account_id);
  }
  if (days.length > 0) {
    const eb = expressionBuilder<any, any>();
    const valueEvent = isInList(eb, 'e.event_name', changes.vars.valueEvents);
    const rows = await sql<{ account_id: string }>`
      select e.account_id from ${sql.raw(relationOf(stgEvents))} e left join ${built} t on t.account_id = e.account_id
        where ${onDates('e.event_date', days)} and ${valueEvent}
          and (t.first_value_at is null or e.occurred_at < t.first_value_at)
      union
      select t.account_id from ${built} t where ${inEventDays('t.first_value_at', days)}`.execute(db);
    for (const row of rows.rows) accounts.add(row.account_id);
  }
  if (accounts.size > MAX_ACCOUNTS_REBUILT_ALONE) return 'all';
  return [...accounts].sort();
}
