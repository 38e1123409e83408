import { defineModel } from '@pulse/core';
import { sql } from 'kysely';
import { z } from 'zod';
import { stgAccounts } from '../staging/stg_accounts.js';

/**
 * G5: the segment axis of every monthly revenue mart. Taken from all accounts that exist by as_of, never
 * active ones included, so a segment with no revenue still gets its rows. Marts join accounts with
 * `segment = account.segment or segment = 'all'` to get each segment row and the `all` row in one pass.
 */
export const intSegments = defineModel({
  name: 'int_segments',
  layer: 'intermediate',
  materialized: 'table',
  description: 'The reporting segments: every customer segment of the existing accounts, plus `all`.',
  grain: ['segment'],
  columns: z.object({
    segment: z.string().describe('Customer segment (`unknown` when not given), or `all` for every account.'),
  }),
  inputs: [stgAccounts],
  build: (db) =>
    db
      .selectFrom('stg_accounts')
      .select('segment')
      .union(db.selectNoFrom(sql<string>`'all'`.as('segment'))),
});
