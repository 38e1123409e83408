import { relationOf } from '@pulse/core';
import { type RawBuilder, sql } from 'kysely';
import { stgAccounts } from './stg_accounts.js';

/**
 * The CTEs `went` and `came` (each an `account_id` column) of a table whose rows belong to accounts, for a
 * refresh after stg_accounts changed: `went`, accounts of the relation as built no longer in stg_accounts;
 * `came`, accounts of stg_accounts with no row in the relation. Every account that came is in `came`, and so
 * is an old account without rows, whose partitions then rebuild to the same rows. The relation's account
 * ids are read once. Raw sql: the relation is named only at run time.
 */
export function cameOrWentAccounts(relation: string): RawBuilder<unknown> {
  const accounts = sql.raw(relationOf(stgAccounts));
  return sql`built_accounts as (select distinct account_id from ${sql.raw(relation)}),
    went as (select account_id from built_accounts except select account_id from ${accounts}),
    came as (select account_id from ${accounts} except select account_id from built_accounts)`;
}
