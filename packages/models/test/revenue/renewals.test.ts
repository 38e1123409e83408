import { Warehouse } from '@pulse/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RawFixture } from '../support/raw-fixture.js';
import { buildRevenue } from '../support/revenue-build.js';

const account = (account_id: string, segment: string) => ({
  account_id,
  segment,
  created_at: '2023-01-01T00:00:00Z',
});

// as_of 2024-06-15, grace 30 days unless a test says otherwise.
const fixture: RawFixture = {
  accounts: [
    account('SW', 'smb'),
    account('C30', 'enterprise'),
    account('R1', 'smb'),
    account('L1', 'smb'),
    account('P1', 'enterprise'),
    account('G4', 'mid_market'),
    account('TR', 'smb'),
    { account_id: 'LATE', segment: 'smb', created_at: '2024-06-16T00:00:00Z' },
  ],
  subscriptions: [
    // Quarterly, then annual from Oct 1st: term start 2023-07-01. +3 months (Sep 30th quarterly) counts and
    // renews; +6 and +9 months fall in the annual period and are not multiples of 12: no renewal.
    {
      subscription_id: 'sw',
      account_id: 'SW',
      amount: 300,
      billing_interval: 'quarter',
      start_date: '2023-07-01',
      end_date: '2023-10-01',
    },
    {
      subscription_id: 'sw',
      account_id: 'SW',
      amount: 1200,
      billing_interval: 'year',
      start_date: '2023-10-01',
    },
    // Term start Nov 30th: renewal dates are term start + 3k months, each clamped: 2024-02-29, then
    // 2024-05-30 (not 05-29, which chaining from Feb 29th would give). The period ends on May 30th, so on
    // the correct date the account no longer pays: pending (May 30th + 30 days = June 29th > as_of).
    {
      subscription_id: 'c30',
      account_id: 'C30',
      amount: 300,
      billing_interval: 'quarter',
      start_date: '2023-11-30',
      end_date: '2024-05-30',
    },
    // Renewed: quarterly from Jan 15th, still running on Apr 15th.
    {
      subscription_id: 'r1',
      account_id: 'R1',
      amount: 300,
      billing_interval: 'quarter',
      start_date: '2024-01-15',
    },
    // Lost: Jan 31st + 3 months = Apr 30th (clamped); the period ends that day (in effect on Apr 29th). The
    // account comes back on June 5th, after the grace period [Apr 30th, May 30th]: still lost.
    {
      subscription_id: 'l1',
      account_id: 'L1',
      amount: 300,
      billing_interval: 'quarter',
      start_date: '2024-01-31',
      end_date: '2024-04-30',
    },
    { subscription_id: 'l1b', account_id: 'L1', amount: 100, start_date: '2024-06-05' },
    // Pending: ends at its renewal date June 1st; June 1st + 30 days is after as_of.
    {
      subscription_id: 'p1',
      account_id: 'P1',
      amount: 300,
      billing_interval: 'quarter',
      start_date: '2024-03-01',
      end_date: '2024-06-01',
    },
    // Annual ending at its renewal date June 10th, renewed by another (monthly) subscription from June 12th.
    {
      subscription_id: 'g4',
      account_id: 'G4',
      amount: 1200,
      billing_interval: 'year',
      start_date: '2023-06-10',
      end_date: '2024-06-10',
    },
    { subscription_id: 'g4b', account_id: 'G4', amount: 100, start_date: '2024-06-12' },
    // A quarterly trial (non-zero amount) is not a contract period.
    {
      subscription_id: 'tr',
      account_id: 'TR',
      amount: 300,
      billing_interval: 'quarter',
      is_trial: true,
      start_date: '2024-01-01',
      end_date: '2024-05-01',
    },
    // Account created after as_of: none of its renewals exist.
    {
      subscription_id: 'late',
      account_id: 'LATE',
      amount: 1200,
      billing_interval: 'year',
      start_date: '2023-01-01',
    },
  ],
};

const due = (m: string, renewals_due: number, renewed: number, lost: number, pending: number) => ({
  m,
  renewals_due,
  renewed,
  lost,
  pending,
  renewal_rate: renewed + lost ? renewed / (renewed + lost) : null,
});

describe('renewals_monthly', () => {
  let warehouse: Warehouse;
  beforeEach(async () => {
    warehouse = await Warehouse.open(':memory:');
  });
  afterEach(() => warehouse.close());

  const renewalsOf = (segment: string) =>
    warehouse.query(
      `select strftime(month, '%Y-%m') as m, renewals_due, renewed, lost, pending, renewal_rate
       from marts.renewals_monthly where segment = '${segment}' and renewals_due > 0 order by month`,
    );

  it('dates renewals from the term start and classes them renewed, lost or pending', async () => {
    await buildRevenue(warehouse, fixture, { asOf: '2024-06-15' });
    expect(await renewalsOf('all')).toEqual([
      due('2023-10', 1, 1, 0, 0), // SW
      due('2024-02', 1, 1, 0, 0), // C30 on Feb 29th
      due('2024-04', 2, 1, 1, 0), // R1 renewed, L1 lost
      due('2024-05', 1, 0, 0, 1), // C30 on May 30th: pending, rate NULL
      due('2024-06', 2, 1, 0, 1), // P1 pending, G4 renewed
    ]);
    expect(await renewalsOf('smb')).toEqual([due('2023-10', 1, 1, 0, 0), due('2024-04', 2, 1, 1, 0)]);
    // Range: June 2023 (G4's first month) to June 2024 = 13 months × (all, enterprise, mid_market, smb);
    // months with renewals: 5 (all) + 2 (smb) + 3 (enterprise: C30 twice, P1) + 1 (mid_market: G4).
    const [grid] = await warehouse.query(
      `select count(*)::integer as n, count(distinct segment)::integer as segments,
              count(*) filter (where renewals_due = 0 and renewal_rate is null)::integer as empty
       from marts.renewals_monthly`,
    );
    expect(grid).toEqual({ n: 52, segments: 4, empty: 52 - (5 + 2 + 3 + 1) });
  });

  it('takes the grace period from the config', async () => {
    // 40 days: L1's window is [Apr 30th, Jun 9th] and its June 5th subscription renews it.
    await buildRevenue(warehouse, fixture, { asOf: '2024-06-15', renewalGraceDays: 40 });
    expect(await renewalsOf('smb')).toEqual([due('2023-10', 1, 1, 0, 0), due('2024-04', 2, 2, 0, 0)]);
  });
});
