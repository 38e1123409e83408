import { daysBetween, defineModel, expression, isInList } from '@pulse/core';
import { z } from 'zod';
import type { PulseVars } from '../config.js';
import { intOptionalSources } from '../intermediate/int_optional_sources.js';
import { stgAccounts } from '../staging/stg_accounts.js';
import { stgEvents } from '../staging/stg_events.js';
import { changedTtvAccounts } from './ttv-account-changes.js';

export const ttvAccounts = defineModel({
  name: 'ttv_accounts',
  layer: 'marts',
  materialized: 'table',
  description:
    'Time to value per account: how long after signup the account first did one of the configured value events. ' +
    'Every account that exists by the as_of day has a row; empty when there is no events source.',
  grain: ['account_id'],
  columns: z.object({
    account_id: z.string().describe('Account identifier.'),
    segment: z.string().describe('Current customer segment of the account.'),
    signup_at: z.date().describe('Signup time (UTC): when the account was created.'),
    signup_month: z.iso.date().describe('First day of the UTC month of signup_at: the signup cohort.'),
    first_value_at: z
      .date()
      .nullable()
      .describe(
        'First time the account did a value event (config `value_events`) by the end of the as_of day; empty if it has not yet.',
      ),
    ttv_days: z
      .number()
      .nullable()
      .describe(
        'Time to value in days (fractional): first_value_at − signup_at; 0 when the value event was tracked before signup; ' +
          'empty when the account has not reached value.',
      ),
    reached: z.boolean().describe('Whether the account has reached value by the as_of day.'),
  }),
  tests: [
    expression('ttv_days is null or ttv_days >= 0'),
    expression('reached = (first_value_at is not null) and reached = (ttv_days is not null)'),
  ],
  // A refresh rebuilds the accounts whose row may change (ttv-account-changes.ts): a nightly day of events
  // moves the first value of the accounts that reached it that day, not of every account.
  partitionBy: { column: 'account_id', uniqueKeysWithinPartition: true, changed: changedTtvAccounts },
  inputs: [intOptionalSources, stgAccounts, stgEvents],
  build: (db, { vars, partitions }: { vars: PulseVars; partitions?: readonly string[] }) =>
    db
      .with('first_value', (qb) =>
        qb
          .selectFrom('stg_events')
          .select((eb) => ['account_id', eb.fn.min('occurred_at').as('first_value_at')])
          .where((eb) => isInList(eb, 'event_name', vars.valueEvents))
          .$if(partitions !== undefined, (q) => q.where((eb) => isInList(eb, 'account_id', partitions!)))
          .groupBy('account_id'),
      )
      .selectFrom('stg_accounts as a')
      .leftJoin('first_value as v', 'v.account_id', 'a.account_id')
      .select((eb) => [
        'a.account_id',
        'a.segment',
        'a.created_at as signup_at',
        'a.signup_month',
        'v.first_value_at',
        // A CASE, not greatest() alone: greatest(0, NULL) is 0 and would mark unreached accounts as instant.
        eb
          .case()
          .when('v.first_value_at', 'is not', null)
          .then(eb.fn<number>('greatest', [eb.lit(0), daysBetween(eb, 'a.created_at', 'v.first_value_at')]))
          .end()
          .as('ttv_days'),
        eb('v.first_value_at', 'is not', null).as('reached'),
      ])
      // G3: without an events export nobody can be said to have reached value, so there are no rows.
      .$if(partitions !== undefined, (q) => q.where((eb) => isInList(eb, 'a.account_id', partitions!)))
      .where((eb) =>
        eb(
          eb.selectFrom('int_optional_sources').select('is_present').where('source', '=', 'events'),
          '=',
          true,
        ),
      ),
});
