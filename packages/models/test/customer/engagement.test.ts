import { Warehouse } from '@pulse/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { intAccountDailyActivity } from '../../src/intermediate/int_account_daily_activity.js';
import { intAccountSegments } from '../../src/intermediate/int_account_segments.js';
import { intOptionalSources } from '../../src/intermediate/int_optional_sources.js';
import { engagementAccountMonths } from '../../src/marts/engagement_account_months.js';
import { engagementMonthly } from '../../src/marts/engagement_monthly.js';
import { stgAccounts } from '../../src/staging/stg_accounts.js';
import { stgEvents } from '../../src/staging/stg_events.js';
import { buildAndCheck, customerVars } from '../support/customer-build.js';
import { loadRawFixture } from '../support/raw-fixture.js';

const models = [
  stgAccounts,
  intOptionalSources,
  intAccountSegments,
  stgEvents,
  intAccountDailyActivity,
  engagementAccountMonths,
  engagementMonthly,
];

// as_of mid-month: March is measured on the 15th, so its avg_dau divides by 15 days.
const vars = customerVars({ asOf: '2024-03-15' });

const accounts = [
  { account_id: 'A1', created_at: '2024-01-10T00:00:00Z', segment: 'smb' },
  { account_id: 'A2', created_at: '2024-02-01T00:00:00Z', segment: 'enterprise' },
  // Never has an event: its segment still gets zero rows.
  { account_id: 'A4', created_at: '2024-02-10T00:00:00Z', segment: 'free' },
  // Created after as_of: neither it, its segment nor its events exist yet.
  { account_id: 'A3', created_at: '2024-03-20T00:00:00Z', segment: 'mid_market' },
];

// File order = array order (events.csv, lines 2…).
const events = [
  {
    event_id: 'e1',
    account_id: 'A1',
    user_id: 'u1',
    event_name: 'login',
    occurred_at: '2024-01-15T10:00:00Z',
  },
  {
    event_id: 'e2',
    account_id: 'A1',
    user_id: 'u1',
    event_name: 'login',
    occurred_at: '2024-03-01T09:00:00Z',
  },
  {
    event_id: 'e3',
    account_id: 'A1',
    user_id: 'u1',
    event_name: 'login',
    occurred_at: '2024-03-01T18:00:00Z',
  },
  {
    event_id: 'e4',
    account_id: 'A1',
    user_id: 'u2',
    event_name: 'login',
    occurred_at: '2024-03-02T08:00:00Z',
  },
  // Resent copy of e4, later: dropped.
  {
    event_id: 'e4',
    account_id: 'A1',
    user_id: 'u2',
    event_name: 'login',
    occurred_at: '2024-03-09T08:00:00Z',
  },
  // e5 appears later in the file but its second copy is earlier: the 03-03 copy is the one kept.
  {
    event_id: 'e5',
    account_id: 'A1',
    user_id: 'u1',
    event_name: 'login',
    occurred_at: '2024-03-05T10:00:00Z',
  },
  {
    event_id: 'e5',
    account_id: 'A1',
    user_id: 'u1',
    event_name: 'login',
    occurred_at: '2024-03-03T12:00:00Z',
  },
  // Same event_id and time: file order decides, so u3's copy is kept and u4 never appears.
  {
    event_id: 'e6',
    account_id: 'A1',
    user_id: 'u3',
    event_name: 'login',
    occurred_at: '2024-03-04T07:00:00Z',
  },
  {
    event_id: 'e6',
    account_id: 'A1',
    user_id: 'u4',
    event_name: 'login',
    occurred_at: '2024-03-04T07:00:00Z',
  },
  // No event_id: both identical rows count.
  { account_id: 'A2', user_id: 'u1', event_name: 'login', occurred_at: '2024-03-10T12:00:00Z' },
  { account_id: 'A2', user_id: 'u1', event_name: 'login', occurred_at: '2024-03-10T12:00:00Z' },
  // Last microsecond of the as_of day: counts.
  {
    event_id: 'e7',
    account_id: 'A2',
    user_id: 'u2',
    event_name: 'login',
    occurred_at: '2024-03-15T23:59:59.999999Z',
  },
  // After the as_of day (the second one is 01:00 UTC on the 16th): left out.
  {
    event_id: 'e8',
    account_id: 'A2',
    user_id: 'u2',
    event_name: 'login',
    occurred_at: '2024-03-16T00:00:00Z',
  },
  {
    event_id: 'e9',
    account_id: 'A2',
    user_id: 'u3',
    event_name: 'login',
    occurred_at: '2024-03-15T20:00:00-05:00',
  },
  {
    event_id: 'e10',
    account_id: 'A3',
    user_id: 'u1',
    event_name: 'login',
    occurred_at: '2024-03-01T00:00:00Z',
  },
];

describe('engagement marts', () => {
  let warehouse: Warehouse;
  beforeEach(async () => {
    warehouse = await Warehouse.open(':memory:');
  });
  afterEach(() => warehouse.close());

  it('deduplicates events by event_id keeping the earliest copy, and drops what is after as_of', async () => {
    await loadRawFixture(warehouse, { accounts, events });
    await buildAndCheck(warehouse, models, vars);
    const rows = await warehouse.query(
      // The id of each kept row from its export row (stg_events keeps only the id's hash).
      `select coalesce(r.event_id, '-') as id, s.user_id, strftime(s.occurred_at, '%m-%d %H:%M') as at
       from staging.stg_events s join raw.events r on r._file = s.source_file and r._line = s.source_line
       order by s.occurred_at, s.source_line`,
    );
    expect(rows).toEqual([
      { id: 'e1', user_id: 'u1', at: '01-15 10:00' },
      { id: 'e2', user_id: 'u1', at: '03-01 09:00' },
      { id: 'e3', user_id: 'u1', at: '03-01 18:00' },
      { id: 'e4', user_id: 'u2', at: '03-02 08:00' },
      { id: 'e5', user_id: 'u1', at: '03-03 12:00' },
      { id: 'e6', user_id: 'u3', at: '03-04 07:00' },
      { id: '-', user_id: 'u1', at: '03-10 12:00' },
      { id: '-', user_id: 'u1', at: '03-10 12:00' },
      { id: 'e7', user_id: 'u2', at: '03-15 23:59' },
    ]);
  });

  it('counts distinct users and events per account and day', async () => {
    await loadRawFixture(warehouse, { accounts, events });
    await buildAndCheck(warehouse, models, vars);
    const rows = await warehouse.query(
      'select * from intermediate.int_account_daily_activity order by account_id, activity_date',
    );
    const day = (account_id: string, date: string, active_users: number, events: number) => ({
      account_id,
      activity_date: `2024-${date}`,
      activity_month: `2024-${date.slice(0, 2)}-01`,
      active_users,
      events,
    });
    expect(rows).toEqual([
      day('A1', '01-15', 1, 1),
      // e2 and e3: one user twice the same day.
      day('A1', '03-01', 1, 2),
      day('A1', '03-02', 1, 1),
      day('A1', '03-03', 1, 1),
      day('A1', '03-04', 1, 1),
      // The two id-less rows of u1.
      day('A2', '03-10', 1, 2),
      // e7; e9 is on the 16th in UTC, after as_of.
      day('A2', '03-15', 1, 1),
    ]);
  });

  it('counts users, days and events per account and month', async () => {
    await loadRawFixture(warehouse, { accounts, events });
    await buildAndCheck(warehouse, models, vars);
    const rows = await warehouse.query('select * from marts.engagement_account_months');
    expect(rows).toEqual([
      { account_id: 'A1', month: '2024-01-01', active_users: 1, active_days: 1, events: 1 },
      // e2 e3 (03-01, u1), e4 (03-02, u2), e5 (03-03, u1), e6 (03-04, u3): 3 users, 4 days, 5 events.
      { account_id: 'A1', month: '2024-03-01', active_users: 3, active_days: 4, events: 5 },
      // two id-less rows (03-10, u1) + e7 (03-15, u2): 2 users, 2 days, 3 events.
      { account_id: 'A2', month: '2024-03-01', active_users: 2, active_days: 2, events: 3 },
    ]);
  });

  it('builds a full month × segment grid from the first event month, avg_dau over days to the snapshot', async () => {
    await loadRawFixture(warehouse, { accounts, events });
    await buildAndCheck(warehouse, models, vars);
    const rows = await warehouse.query('select * from marts.engagement_monthly');
    const zero = { active_accounts: 0, mau: 0, avg_dau: 0, stickiness: null, events: 0 };
    expect(rows).toEqual([
      // January: one user-day over 31 days.
      {
        month: '2024-01-01',
        segment: 'all',
        active_accounts: 1,
        mau: 1,
        avg_dau: 1 / 31,
        stickiness: 1 / 31,
        events: 1,
      },
      { month: '2024-01-01', segment: 'enterprise', ...zero },
      { month: '2024-01-01', segment: 'free', ...zero },
      {
        month: '2024-01-01',
        segment: 'smb',
        active_accounts: 1,
        mau: 1,
        avg_dau: 1 / 31,
        stickiness: 1 / 31,
        events: 1,
      },
      // February: no events, still a row per segment.
      { month: '2024-02-01', segment: 'all', ...zero },
      { month: '2024-02-01', segment: 'enterprise', ...zero },
      { month: '2024-02-01', segment: 'free', ...zero },
      { month: '2024-02-01', segment: 'smb', ...zero },
      // March to the 15th: user-days smb 1+1+1+1 = 4, enterprise 1+1 = 2; mau smb 3, enterprise 2.
      {
        month: '2024-03-01',
        segment: 'all',
        active_accounts: 2,
        mau: 5,
        avg_dau: 6 / 15,
        stickiness: 6 / 15 / 5,
        events: 8,
      },
      {
        month: '2024-03-01',
        segment: 'enterprise',
        active_accounts: 1,
        mau: 2,
        avg_dau: 2 / 15,
        stickiness: 2 / 15 / 2,
        events: 3,
      },
      { month: '2024-03-01', segment: 'free', ...zero },
      {
        month: '2024-03-01',
        segment: 'smb',
        active_accounts: 1,
        mau: 3,
        avg_dau: 4 / 15,
        stickiness: 4 / 15 / 3,
        events: 5,
      },
    ]);
  });

  it('has no rows without events', async () => {
    await loadRawFixture(warehouse, { accounts });
    await buildAndCheck(warehouse, models, vars);
    const [row] = await warehouse.query<{ n: number }>(
      'select (select count(*) from marts.engagement_monthly) + (select count(*) from marts.engagement_account_months) as n',
    );
    expect(row!.n).toBe(0);
  });
});
