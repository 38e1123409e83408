import type { SourceReference } from '@pulse/core';

/** Every account_id outside accounts must name an account that was ingested as a valid row. */
export const accountReference: SourceReference = {
  column: 'account_id',
  source: 'accounts',
  key: 'account_id',
  reasonCode: 'orphan_account',
};
