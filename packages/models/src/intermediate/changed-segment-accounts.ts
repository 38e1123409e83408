import { type PartitionChanges, partitionsWhoseRowsDiffer } from '@pulse/core';
import type { Kysely } from 'kysely';
import { MAX_ACCOUNTS_REBUILT_ALONE } from '../max-accounts-rebuilt-alone.js';

/**
 * The accounts of int_account_segments whose rows differ from the relation as built: the accounts that
 * came, went or moved to another segment, found by comparing the rows now with the table's (0.1 s at L).
 * Only stg_accounts feeds the table, and it is a snapshot read whole, so no upstream change names them.
 * `all` past MAX_ACCOUNTS_REBUILT_ALONE accounts (a new segmentation): then every monthly mart rebuilds whole.
 */
export async function changedSegmentAccounts(
  db: Kysely<any>,
  changes: PartitionChanges<unknown>,
): Promise<readonly string[] | 'all'> {
  const accounts = await partitionsWhoseRowsDiffer(db, changes, 'account_id', ['account_id', 'segment']);
  return accounts !== 'all' && accounts.length > MAX_ACCOUNTS_REBUILT_ALONE ? 'all' : accounts;
}
