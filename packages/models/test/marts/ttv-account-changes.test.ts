import { Warehouse } from '@pulse/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PulseVars } from '../../src/config.js';
import { changedTtvAccounts } from '../../src/marts/ttv-account-changes.js';
import { MAX_ACCOUNTS_REBUILT_ALONE } from '../../src/max-accounts-rebuilt-alone.js';
import { askDecision } from '../support/partition-decision.js';

const vars = (asOf: string, extra: Partial<PulseVars> = {}) =>
  ({ asOf, valueEvents: ['value_moment'], reportingCurrency: 'USD', ...extra }) as unknown as PulseVars;

describe('changedTtvAccounts', () => {
  let db: Warehouse;
  const ask = askDecision(changedTtvAccounts, () => db, {
    vars: vars('2026-09-02'),
    previousVars: vars('2026-09-01'),
    changedModels: new Map([['stg_events', ['2026-09-02']]]),
    relation: 'marts.ttv_accounts',
  });

  beforeEach(async () => {
    db = await Warehouse.open(':memory:');
    await db.exec(`create schema staging; create schema marts;
      create table staging.stg_accounts as select * from (values
        ('A', 'smb', timestamp '2026-01-01 00:00', date '2026-01-01'),
        ('B', 'smb', timestamp '2026-01-01 00:00', date '2026-01-01'),
        ('C', 'smb', timestamp '2026-01-01 00:00', date '2026-01-01'),
        ('D', 'mid', timestamp '2026-01-01 00:00', date '2026-01-01'),
        ('N', 'smb', timestamp '2026-09-02 08:00', date '2026-09-01')
      ) v(account_id, segment, created_at, signup_month);
      -- As built at as_of 2026-09-01: A reached value in August, B never, C on 2026-09-02 (a replaced day),
      -- D is in the smb segment here and mid now; N did not exist.
      create table marts.ttv_accounts as select * from (values
        ('A', 'smb', timestamp '2026-01-01 00:00', date '2026-01-01', timestamp '2026-08-10 10:00'),
        ('B', 'smb', timestamp '2026-01-01 00:00', date '2026-01-01', null),
        ('C', 'smb', timestamp '2026-01-01 00:00', date '2026-01-01', timestamp '2026-09-02 07:00'),
        ('D', 'smb', timestamp '2026-01-01 00:00', date '2026-01-01', null),
        ('X', 'smb', timestamp '2026-01-01 00:00', date '2026-01-01', null)
      ) v(account_id, segment, signup_at, signup_month, first_value_at);
      -- The rebuilt day: A and B do value events (A's is later than its first), C only logs in.
      create table staging.stg_events as select * from (values
        ('A', 'value_moment', timestamp '2026-09-02 09:00', date '2026-09-02'),
        ('B', 'value_moment', timestamp '2026-09-02 09:00', date '2026-09-02'),
        ('B', 'login', timestamp '2026-08-02 09:00', date '2026-08-02'),
        ('C', 'login', timestamp '2026-09-02 09:00', date '2026-09-02')
      ) v(account_id, event_name, occurred_at, event_date);`);
  });
  afterEach(() => db.close());

  it('gives the accounts that reached value earlier on the rebuilt days, or whose first value was on them', async () => {
    expect(await ask({})).toEqual(['B', 'C']);
  });

  it('adds the accounts whose stg_accounts row changed, came or went', async () => {
    expect(await ask({ changedModels: new Map([['stg_accounts', 'all']]) })).toEqual(['D', 'N', 'X']);
    expect(
      await ask({
        changedModels: new Map<string, readonly string[] | 'all'>([
          ['stg_accounts', 'all'],
          ['stg_events', ['2026-09-02']],
        ]),
      }),
    ).toEqual(['B', 'C', 'D', 'N', 'X']);
  });

  it('gives nothing when only as_of moved: the rows follow stg_events and stg_accounts alone', async () => {
    expect(await ask({ changedModels: new Map() })).toEqual([]);
  });

  it('is all when stg_events was rebuilt whole, the optional sources or the value events changed', async () => {
    expect(await ask({ changedModels: new Map([['stg_events', 'all']]) })).toBe('all');
    expect(await ask({ changedModels: new Map([['int_optional_sources', 'all']]) })).toBe('all');
    expect(await ask({ vars: vars('2026-09-02', { valueEvents: ['signed'] } as Partial<PulseVars>) })).toBe(
      'all',
    );
  });

  it('is all past the accounts a filter is worth listing', async () => {
    await db.exec(`insert into staging.stg_events
      select 'M' || i, 'value_moment', timestamp '2026-09-02 10:00', date '2026-09-02'
      from range(${MAX_ACCOUNTS_REBUILT_ALONE}) t(i)`);
    expect(await ask({})).toBe('all');
  });
});
