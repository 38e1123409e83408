import { dateValue, defineModel, endOfDay, monthStart } from '@pulse/core';
import { z } from 'zod';
import type { PulseVars } from '../config.js';
import { rawAccounts } from '../sources/raw-tables.js';
import { groupNameOf } from './all-groups-name.js';

/**
 * G2: accounts created after the end of the as_of day do not exist yet. Ingestion already maps a missing
 * segment, region or channel to `unknown`; repeating it here keeps every grid key non-null whatever loaded raw.
 */
export const stgAccounts = defineModel({
  name: 'stg_accounts',
  layer: 'staging',
  materialized: 'table',
  description: 'One row per account that exists by the end of the as_of day, with contract defaults applied.',
  grain: ['account_id'],
  columns: z.object({
    account_id: z
      .string()
      .describe('Account identifier from the accounts export (text; leading zeros kept).'),
    name: z.string().nullable().describe('Display name of the account.'),
    created_at: z.date().describe('Signup time (UTC); starts the time-to-value clock.'),
    signup_month: z.iso.date().describe('First day of the UTC month of created_at.'),
    segment: z
      .string()
      .describe(
        'Customer segment (e.g. smb, mid_market, enterprise); `unknown` when not given; `all (segment)` for a segment named `all`, the name of the row of every segment.',
      ),
    region: z.string().describe('Region; `unknown` when not given.'),
    acquisition_channel: z
      .string()
      .describe(
        'Channel that acquired the account; `unknown` when not given; `all (channel)` for a channel named `all`, the name of the row of every channel.',
      ),
  }),
  inputs: [rawAccounts],
  build: (db, { vars }: { vars: PulseVars }) =>
    db
      .selectFrom('raw.accounts')
      .select((eb) => {
        const orUnknown = (column: 'segment' | 'region' | 'acquisition_channel') =>
          eb.fn.coalesce(column, eb.val('unknown'));
        return [
          'account_id',
          'name',
          'created_at',
          monthStart(eb, 'created_at').as('signup_month'),
          groupNameOf(eb, orUnknown('segment'), 'segment').as('segment'),
          orUnknown('region').as('region'),
          groupNameOf(eb, orUnknown('acquisition_channel'), 'channel').as('acquisition_channel'),
        ];
      })
      .where('created_at', '<', endOfDay(dateValue(vars.asOf))),
});
