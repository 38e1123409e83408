import { Warehouse } from '@pulse/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RawFixture } from '../support/raw-fixture.js';
import { buildRevenue } from '../support/revenue-build.js';

const created_at = '2023-12-01T00:00:00Z';
const fixture: RawFixture = {
  accounts: [
    { account_id: 'N1', acquisition_channel: 'ads', created_at },
    { account_id: 'N2', acquisition_channel: 'ads', created_at },
    // No channel in the export: `unknown`.
    { account_id: 'N3', created_at },
    // Never pays: its channel still gets rows.
    { account_id: 'N4', acquisition_channel: 'referral', created_at },
    // Created after as_of: its channel does not exist.
    { account_id: 'N5', acquisition_channel: 'late', created_at: '2024-04-01T00:00:00Z' },
  ],
  subscriptions: [
    { subscription_id: 'n1', account_id: 'N1', amount: 100, start_date: '2024-01-05' },
    // Annual 3600 → 300/month.
    {
      subscription_id: 'n2',
      account_id: 'N2',
      amount: 3600,
      billing_interval: 'year',
      start_date: '2024-01-20',
    },
    { subscription_id: 'n3', account_id: 'N3', amount: 50, start_date: '2024-03-01' },
    { subscription_id: 'n4', account_id: 'N4', amount: 0, is_trial: true, start_date: '2024-01-01' },
    { subscription_id: 'n5', account_id: 'N5', amount: 100, start_date: '2024-04-01' },
  ],
  spend: [
    // December precedes the first revenue month (January): the range starts in December.
    { month: '2023-12-01', channel: 'ads', amount: 200 },
    { month: '2024-01-01', channel: 'ads', category: 'marketing', amount: 1000 },
    { month: '2024-01-01', channel: 'ads', category: 'sales', amount: 500 },
    // 300 EUR at the rate of the month's first day (1.5; the 2.5 of Jan 2nd does not apply) = 450.
    { month: '2024-01-01', channel: 'events', amount: 300, currency: 'EUR' },
    { month: '2024-02-01', channel: 'ads', amount: 600 },
    // After the as-of month: left out.
    { month: '2024-04-01', channel: 'ads', amount: 999 },
  ],
  fx_rates: [
    { date: '2023-12-01', currency: 'EUR', rate: 1.5 },
    { date: '2024-01-02', currency: 'EUR', rate: 2.5 },
  ],
};

const cac = (m: string, channel: string, spend: number, new_accounts: number, new_mrr: number) => ({
  m,
  channel,
  spend,
  new_accounts,
  new_mrr,
  cac: new_accounts ? spend / new_accounts : null,
  arpa_new: new_accounts ? new_mrr / new_accounts : null,
  // gross margin 0.8
  payback_months: new_accounts ? spend / new_accounts / ((new_mrr / new_accounts) * 0.8) : null,
});

describe('cac_monthly', () => {
  let warehouse: Warehouse;
  beforeEach(async () => {
    warehouse = await Warehouse.open(':memory:');
  });
  afterEach(() => warehouse.close());

  const rows = () =>
    warehouse.query(
      `select strftime(month, '%Y-%m') as m, channel, spend, new_accounts, new_mrr, cac, arpa_new, payback_months
       from marts.cac_monthly order by month, channel`,
    );

  it('sets spend against new accounts per channel on a full month × channel grid', async () => {
    await buildRevenue(warehouse, fixture, { asOf: '2024-03-31' });
    expect(await rows()).toEqual([
      cac('2023-12', 'ads', 200, 0, 0),
      cac('2023-12', 'all', 200, 0, 0),
      cac('2023-12', 'events', 0, 0, 0),
      cac('2023-12', 'referral', 0, 0, 0),
      cac('2023-12', 'unknown', 0, 0, 0),
      // ads: 1500 / 2 = 750; arpa_new (100 + 300) / 2 = 200; payback 750 / (200 × 0.8) = 4.6875.
      cac('2024-01', 'ads', 1500, 2, 400),
      // all: (1500 + 450) / 2 = 975.
      cac('2024-01', 'all', 1950, 2, 400),
      cac('2024-01', 'events', 450, 0, 0),
      cac('2024-01', 'referral', 0, 0, 0),
      cac('2024-01', 'unknown', 0, 0, 0),
      // Spend without a new account: CAC NULL.
      cac('2024-02', 'ads', 600, 0, 0),
      cac('2024-02', 'all', 600, 0, 0),
      cac('2024-02', 'events', 0, 0, 0),
      cac('2024-02', 'referral', 0, 0, 0),
      cac('2024-02', 'unknown', 0, 0, 0),
      cac('2024-03', 'ads', 0, 0, 0),
      // A new account without spend: CAC 0.
      cac('2024-03', 'all', 0, 1, 50),
      cac('2024-03', 'events', 0, 0, 0),
      cac('2024-03', 'referral', 0, 0, 0),
      cac('2024-03', 'unknown', 0, 1, 50),
    ]);
  });

  it('has no rows without a spend export, and zero spend rows over the revenue range with an empty one', async () => {
    const { spend: _, ...withoutSpend } = fixture;
    await buildRevenue(warehouse, withoutSpend, { asOf: '2024-03-31' });
    expect(await rows()).toEqual([]);

    await buildRevenue(warehouse, withoutSpend, { asOf: '2024-03-31', presentSources: ['spend'] });
    const all = (await rows()).filter((row) => row.channel === 'all');
    expect(all).toEqual([
      cac('2024-01', 'all', 0, 2, 400),
      cac('2024-02', 'all', 0, 0, 0),
      cac('2024-03', 'all', 0, 1, 50),
    ]);
  });
});
