import { defineModel } from '@pulse/core';
import { sql } from 'kysely';
import { z } from 'zod';
import { stgAccounts } from '../staging/stg_accounts.js';

/**
 * G5 in one place: every account rolls up into its own segment and into `all`. Joining facts to this
 * table yields the segment rows and the `all` row in one group by; its distinct segments are the full
 * segment list, never-active accounts included. `union` (not `union all`) so an account whose segment
 * is literally `all` is not counted twice.
 */
export const intCxAccountSegments = defineModel({
  name: 'int_cx_account_segments',
  layer: 'intermediate',
  materialized: 'table',
  description:
    'Each account twice: once under its own segment and once under `all`, the roll-ups of monthly marts.',
  grain: ['account_id', 'segment'],
  columns: z.object({
    account_id: z.string().describe('Account identifier.'),
    segment: z.string().describe('A reporting segment the account counts in: its own segment, or `all`.'),
  }),
  inputs: [stgAccounts],
  build: (db) =>
    db
      .selectFrom('stg_accounts')
      .select(['account_id', 'segment'])
      .union(db.selectFrom('stg_accounts').select(['account_id', sql<string>`'all'`.as('segment')])),
});
