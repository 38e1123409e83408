import { Warehouse } from '@pulse/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { intAccountSegments } from '../../src/intermediate/int_account_segments.js';
import { intOptionalSources } from '../../src/intermediate/int_optional_sources.js';
import { ttvAccounts } from '../../src/marts/ttv_accounts.js';
import { ttvCohorts } from '../../src/marts/ttv_cohorts.js';
import { stgAccounts } from '../../src/staging/stg_accounts.js';
import { stgEvents } from '../../src/staging/stg_events.js';
import { buildAndCheck, customerVars } from '../support/customer-build.js';
import { loadRawFixture, type RawFixture } from '../support/raw-fixture.js';

const models = [stgAccounts, intOptionalSources, intAccountSegments, stgEvents, ttvAccounts, ttvCohorts];

// Both names mark value (config `value_events`); `login` does not.
const vars = customerVars({ valueEvents: ['value_moment', 'report_shared'] });

const fixture: RawFixture = {
  accounts: [
    { account_id: 'T1', created_at: '2024-01-01T00:00:00Z', segment: 'smb' },
    { account_id: 'T2', created_at: '2024-01-10T00:00:00Z', segment: 'smb' },
    { account_id: 'T3', created_at: '2024-01-20T00:00:00Z', segment: 'smb' },
    { account_id: 'T4', created_at: '2024-01-05T00:00:00Z', segment: 'enterprise' },
    { account_id: 'T5', created_at: '2024-01-15T00:00:00Z', segment: 'smb' },
    { account_id: 'T6', created_at: '2024-03-10T00:00:00Z', segment: 'smb' },
    { account_id: 'T8', created_at: '2024-03-05T00:00:00Z', segment: 'smb' },
    { account_id: 'T7', created_at: '2024-04-02T00:00:00Z', segment: 'smb' },
  ],
  events: [
    // T1: 2.5 days.
    { account_id: 'T1', user_id: 'u', event_name: 'value_moment', occurred_at: '2024-01-03T12:00:00Z' },
    // T2: value tracked a day before signup (floored to 0), and again later.
    { account_id: 'T2', user_id: 'u', event_name: 'value_moment', occurred_at: '2024-01-09T00:00:00Z' },
    { account_id: 'T2', user_id: 'u', event_name: 'value_moment', occurred_at: '2024-01-12T00:00:00Z' },
    // T3: active but never reaches value.
    { account_id: 'T3', user_id: 'u', event_name: 'login', occurred_at: '2024-01-21T00:00:00Z' },
    // T4: a configured value event other than the default: 40 days.
    { account_id: 'T4', user_id: 'u', event_name: 'report_shared', occurred_at: '2024-02-14T00:00:00Z' },
    // T5: 10 days.
    { account_id: 'T5', user_id: 'u', event_name: 'value_moment', occurred_at: '2024-01-25T00:00:00Z' },
    // T6: a resent event; the earlier copy (03-12) is kept: 2 days.
    {
      event_id: 'v1',
      account_id: 'T6',
      user_id: 'u',
      event_name: 'value_moment',
      occurred_at: '2024-03-20T00:00:00Z',
    },
    {
      event_id: 'v1',
      account_id: 'T6',
      user_id: 'u',
      event_name: 'value_moment',
      occurred_at: '2024-03-12T00:00:00Z',
    },
    // T8: value only after as_of: not reached yet.
    { account_id: 'T8', user_id: 'u', event_name: 'value_moment', occurred_at: '2024-04-01T00:00:00Z' },
    // T7 signs up after as_of: no row at all.
    { account_id: 'T7', user_id: 'u', event_name: 'value_moment', occurred_at: '2024-03-30T00:00:00Z' },
  ],
};

describe('time to value', () => {
  let warehouse: Warehouse;
  beforeEach(async () => {
    warehouse = await Warehouse.open(':memory:');
  });
  afterEach(() => warehouse.close());

  it('measures days from signup to the first value event, floored at 0', async () => {
    await loadRawFixture(warehouse, fixture);
    await buildAndCheck(warehouse, models, vars);
    const rows = await warehouse.query(
      `select account_id, segment, signup_month, strftime(first_value_at, '%Y-%m-%d %H:%M') as first_value, ttv_days, reached
       from marts.ttv_accounts`,
    );
    expect(rows).toEqual([
      {
        account_id: 'T1',
        segment: 'smb',
        signup_month: '2024-01-01',
        first_value: '2024-01-03 12:00',
        ttv_days: 2.5,
        reached: true,
      },
      {
        account_id: 'T2',
        segment: 'smb',
        signup_month: '2024-01-01',
        first_value: '2024-01-09 00:00',
        ttv_days: 0,
        reached: true,
      },
      {
        account_id: 'T3',
        segment: 'smb',
        signup_month: '2024-01-01',
        first_value: null,
        ttv_days: null,
        reached: false,
      },
      {
        account_id: 'T4',
        segment: 'enterprise',
        signup_month: '2024-01-01',
        first_value: '2024-02-14 00:00',
        ttv_days: 40,
        reached: true,
      },
      {
        account_id: 'T5',
        segment: 'smb',
        signup_month: '2024-01-01',
        first_value: '2024-01-25 00:00',
        ttv_days: 10,
        reached: true,
      },
      {
        account_id: 'T6',
        segment: 'smb',
        signup_month: '2024-03-01',
        first_value: '2024-03-12 00:00',
        ttv_days: 2,
        reached: true,
      },
      {
        account_id: 'T8',
        segment: 'smb',
        signup_month: '2024-03-01',
        first_value: null,
        ttv_days: null,
        reached: false,
      },
    ]);
  });

  it('summarises cohorts with interpolated quantiles over reached accounts, on a full grid', async () => {
    await loadRawFixture(warehouse, fixture);
    await buildAndCheck(warehouse, models, vars);
    const rows = await warehouse.query('select * from marts.ttv_cohorts');
    const empty = {
      accounts: 0,
      reached_accounts: 0,
      reached_rate: null,
      reached_7d_rate: null,
      reached_30d_rate: null,
      median_ttv_days: null,
      p75_ttv_days: null,
      p90_ttv_days: null,
    };
    expect(rows).toEqual([
      // January, all: reached [0, 2.5, 10, 40] of 5 accounts; quantile_cont positions 0.5·3 = 1.5, 0.75·3 = 2.25,
      // 0.9·3 = 2.7: median 2.5 + 0.5·7.5 = 6.25, p75 10 + 0.25·30 = 17.5, p90 10 + 0.7·30 = 31.
      // ≤ 7 days: T1, T2 (2/5); ≤ 30 days: + T5 (3/5).
      {
        signup_month: '2024-01-01',
        segment: 'all',
        accounts: 5,
        reached_accounts: 4,
        reached_rate: 0.8,
        reached_7d_rate: 0.4,
        reached_30d_rate: 0.6,
        median_ttv_days: 6.25,
        p75_ttv_days: 17.5,
        p90_ttv_days: expect.closeTo(31, 12),
      },
      {
        signup_month: '2024-01-01',
        segment: 'enterprise',
        accounts: 1,
        reached_accounts: 1,
        reached_rate: 1,
        reached_7d_rate: 0,
        reached_30d_rate: 0,
        median_ttv_days: 40,
        p75_ttv_days: 40,
        p90_ttv_days: 40,
      },
      // January, smb: reached [0, 2.5, 10] of 4; positions 1, 1.5, 1.8: 2.5, 2.5 + 0.5·7.5 = 6.25, 2.5 + 0.8·7.5 = 8.5.
      {
        signup_month: '2024-01-01',
        segment: 'smb',
        accounts: 4,
        reached_accounts: 3,
        reached_rate: 0.75,
        reached_7d_rate: 0.5,
        reached_30d_rate: 0.75,
        median_ttv_days: 2.5,
        p75_ttv_days: 6.25,
        p90_ttv_days: expect.closeTo(8.5, 12),
      },
      // February: nobody signed up.
      { signup_month: '2024-02-01', segment: 'all', ...empty },
      { signup_month: '2024-02-01', segment: 'enterprise', ...empty },
      { signup_month: '2024-02-01', segment: 'smb', ...empty },
      // March: T6 (2 days) reached, T8 not.
      {
        signup_month: '2024-03-01',
        segment: 'all',
        accounts: 2,
        reached_accounts: 1,
        reached_rate: 0.5,
        reached_7d_rate: 0.5,
        reached_30d_rate: 0.5,
        median_ttv_days: 2,
        p75_ttv_days: 2,
        p90_ttv_days: 2,
      },
      { signup_month: '2024-03-01', segment: 'enterprise', ...empty },
      {
        signup_month: '2024-03-01',
        segment: 'smb',
        accounts: 2,
        reached_accounts: 1,
        reached_rate: 0.5,
        reached_7d_rate: 0.5,
        reached_30d_rate: 0.5,
        median_ttv_days: 2,
        p75_ttv_days: 2,
        p90_ttv_days: 2,
      },
    ]);
  });

  it('keeps every account, unreached, when the events export is present but empty', async () => {
    await loadRawFixture(warehouse, { accounts: fixture.accounts });
    await buildAndCheck(warehouse, models, vars);
    const [row] = await warehouse.query(
      'select count(*)::integer as accounts, count(*) filter (where reached)::integer as reached from marts.ttv_accounts',
    );
    expect(row).toEqual({ accounts: 7, reached: 0 });
    const [cohorts] = await warehouse.query<{ n: number }>(
      'select count(*)::integer as n from marts.ttv_cohorts',
    );
    expect(cohorts!.n).toBe(9);
  });

  it('has no rows when there is no events source', async () => {
    await loadRawFixture(warehouse, { accounts: fixture.accounts });
    await buildAndCheck(warehouse, models, { ...vars, presentSources: ['tickets', 'survey_responses'] });
    const [row] = await warehouse.query<{ n: number }>(
      'select (select count(*) from marts.ttv_accounts) + (select count(*) from marts.ttv_cohorts) as n',
    );
    expect(row!.n).toBe(0);
  });
});
