import { type PartitionChanges, relationOf } from '@pulse/core';
import { type Kysely, sql } from 'kysely';
import type { PulseVars } from '../config.js';
import { stgAccounts } from '../staging/stg_accounts.js';
import { otherVarsChanged } from '../vars-changes.js';
import { mrrAccountMonths } from './mrr_account_months.js';

/**
 * The months of mrr_movers whose rows may differ from the relation as built. A month lists the accounts
 * whose MRR moved that month, each under its segment and `all`, named and ranked among that month's movers.
 * So:
 * - the months mrr_account_months rebuilt;
 * - every month of the accounts whose segment or name changed, came or went (compared with the relation).
 * The segments table (int_account_segments) follows stg_accounts, so its rebuild adds nothing to that, and
 * mrr_monthly is an input only for the data test. `all` when mrr_account_months was rebuilt whole or a
 * var other than as_of changed. After a nightly export that is the as_of month alone.
 */
export async function changedMoverMonths(
  db: Kysely<any>,
  changes: PartitionChanges<PulseVars>,
): Promise<readonly string[] | 'all'> {
  // Raw sql stays in this function: the relation as built is named only at run time (Kysely<any>, so the
  // builder would check nothing); its one statement reads which months the moved accounts have rows in.
  if (!changes.previousVars || otherVarsChanged(changes.vars, changes.previousVars)) return 'all';
  const months = changes.changedModels.get(mrrAccountMonths.name) ?? [];
  if (months === 'all') return 'all';
  if (!changes.changedModels.has(stgAccounts.name)) return [...months].sort();
  const built = sql.raw(changes.relation);
  const rows = await sql<{ month: string }>`
    with accounts_now as (select account_id, segment, name from ${sql.raw(relationOf(stgAccounts))}),
    accounts_built as (
      select distinct account_id, segment, account_name as name from ${built} where segment <> 'all'),
    moved_accounts as (
      (select * from accounts_now except select * from accounts_built)
      union (select * from accounts_built except select * from accounts_now))
    select cast(month as varchar) as month from ${sql.raw(relationOf(mrrAccountMonths))}
      where movement <> 'none' and account_id in (select account_id from moved_accounts)
    union select cast(month as varchar) from ${built}
      where account_id in (select account_id from moved_accounts)`.execute(db);
  return [...new Set([...months, ...rows.rows.map((row) => row.month)])].sort();
}
