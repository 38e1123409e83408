import { defineModel } from '@pulse/core';
import { z } from 'zod';
import { ALL_GROUPS } from '../staging/all-groups-name.js';
import { stgAccounts } from '../staging/stg_accounts.js';
import { stgSpend } from '../staging/stg_spend.js';

/** The CAC axis: a channel with spend but no account, or accounts but no spend, still gets its rows. */
export const intChannels = defineModel({
  name: 'int_channels',
  layer: 'intermediate',
  materialized: 'table',
  description:
    'The acquisition channels: every channel with spend up to the as-of month or acquiring an existing account, plus `all`.',
  grain: ['channel'],
  columns: z.object({
    channel: z
      .string()
      .describe('Acquisition channel (`unknown` when an account has none), or `all` for every channel.'),
  }),
  inputs: [stgAccounts, stgSpend],
  build: (db) =>
    db
      .selectFrom('stg_spend')
      .select('channel')
      .union(db.selectFrom('stg_accounts').select('acquisition_channel as channel'))
      .union(db.selectNoFrom((eb) => eb.val(ALL_GROUPS).as('channel'))),
});
