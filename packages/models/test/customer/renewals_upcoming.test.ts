import { Warehouse } from '@pulse/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customerModels } from '../../src/customer-models.js';
import { revenueModels } from '../../src/revenue-models.js';
import { buildAndCheck, customerVars } from '../support/customer-build.js';
import { loadRawFixture, type RawFixture } from '../support/raw-fixture.js';

const models = [...revenueModels, ...customerModels];
// as_of Monday 2024-04-15: the window is (Apr 15th, Jul 14th]; April is scored on 15 elapsed days.
const vars = customerVars({ asOf: '2024-04-15' });

const login = (account_id: string, day: string) => ({
  account_id,
  user_id: `${account_id}-user`,
  event_name: 'login',
  occurred_at: `${day}T09:00:00Z`,
});
const aprilDay = (day: number) => `2024-04-${String(day).padStart(2, '0')}`;

const fixture: RawFixture = {
  accounts: [
    { account_id: 'U1', name: 'Uno', created_at: '2023-12-01T00:00:00Z', segment: 'smb' },
    { account_id: 'U2', name: 'Dos', created_at: '2023-06-01T00:00:00Z', segment: 'enterprise' },
    { account_id: 'U3', name: 'Tres', created_at: '2024-01-01T00:00:00Z', segment: 'smb' },
    { account_id: 'U4', name: 'Cuatro', created_at: '2024-01-01T00:00:00Z', segment: 'smb' },
    { account_id: 'U5', name: 'Cinco', created_at: '2024-01-01T00:00:00Z', segment: 'smb' },
    { account_id: 'U6', name: 'Seis', created_at: '2024-01-01T00:00:00Z', segment: 'smb' },
    { account_id: 'U7', name: 'Siete', created_at: '2023-09-01T00:00:00Z', segment: 'enterprise' },
  ],
  subscriptions: [
    // Quarterly 300 (MRR 100) from Jan 20th: Apr 20th is due (5 days out); Jul 20th is past the window.
    {
      subscription_id: 'u1',
      account_id: 'U1',
      amount: 300,
      billing_interval: 'quarter',
      start_date: '2024-01-20',
    },
    // Annual 12,000 from 2023-07-14: its first anniversary Jul 14th is the window's last day, included.
    {
      subscription_id: 'u2',
      account_id: 'U2',
      amount: 12000,
      billing_interval: 'year',
      start_date: '2023-07-14',
    },
    // Quarterly 600 (MRR 200) ending May 1st: in effect on Apr 30th, so May 1st is a renewal at stake.
    {
      subscription_id: 'u3',
      account_id: 'U3',
      amount: 600,
      billing_interval: 'quarter',
      start_date: '2024-02-01',
      end_date: '2024-05-01',
    },
    // Renews on as_of itself (counted by renewals_monthly, not upcoming); next date Jul 15th is past the window.
    {
      subscription_id: 'u4',
      account_id: 'U4',
      amount: 300,
      billing_interval: 'quarter',
      start_date: '2024-01-15',
    },
    // Monthly billing is no contract term.
    {
      subscription_id: 'u5',
      account_id: 'U5',
      amount: 100,
      billing_interval: 'month',
      start_date: '2024-01-01',
    },
    // Quarterly 300 from Feb 10th, upgraded to 450 on Apr 25th, a change the export holds ahead of as_of:
    // the term still renews on May 10th, at the 450 in effect on May 9th (ARR 450 / 3 × 12 = 1,800).
    {
      subscription_id: 'u6',
      account_id: 'U6',
      amount: 300,
      billing_interval: 'quarter',
      start_date: '2024-02-10',
      end_date: '2024-04-25',
    },
    {
      subscription_id: 'u6',
      account_id: 'U6',
      amount: 450,
      billing_interval: 'quarter',
      start_date: '2024-04-25',
    },
    // Annual from Oct 1st: Jul 1st is 9 months on, not a multiple of 12: no renewal.
    {
      subscription_id: 'u7',
      account_id: 'U7',
      amount: 1200,
      billing_interval: 'year',
      start_date: '2023-10-01',
    },
  ],
  events: [
    // U1 active on Apr 1st–12th: last activity 3 days before as_of.
    ...Array.from({ length: 12 }, (_, index) => login('U1', aprilDay(index + 1))),
    // U3 last seen Mar 1st: 30 days to Mar 31st, 15 more to Apr 15th.
    login('U3', '2024-03-01'),
    // After as_of: does not exist yet.
    login('U2', '2024-04-16'),
  ],
};

describe('renewals_upcoming', () => {
  let warehouse: Warehouse;
  beforeEach(async () => {
    warehouse = await Warehouse.open(':memory:');
    await loadRawFixture(warehouse, fixture);
    await buildAndCheck(warehouse, models, vars);
  });
  afterEach(() => warehouse.close());

  it('lists each renewal of the next 90 days with ARR at stake, health band and last activity, by date', async () => {
    const rows = await warehouse.query(
      `select renewal_date, subscription_id, account_id, account_name, segment, billing_interval,
              days_until_renewal, arr_at_stake, health_score, health_band, days_since_last_activity
       from marts.renewals_upcoming`,
    );
    expect(rows).toEqual([
      // Health (weights 0.3 engagement, 0.15 support, 0.15 financial; usage trend empty with no earlier use):
      // engagement 100 × 12 / 15 = 80, support 100 (no ticket), financial 100 → (24 + 15 + 15) / 0.6 = 90.
      {
        renewal_date: '2024-04-20',
        subscription_id: 'u1',
        account_id: 'U1',
        account_name: 'Uno',
        segment: 'smb',
        billing_interval: 'quarter',
        days_until_renewal: 5,
        arr_at_stake: 1200,
        health_score: 90,
        health_band: 'healthy',
        days_since_last_activity: 3,
      },
      // engagement 0, usage trend 0 / mean(0, 0, 1) = 0 (weight 0.2), support 100, financial 100 (not paying
      // in January) → 30 / 0.8 = 37.5.
      {
        renewal_date: '2024-05-01',
        subscription_id: 'u3',
        account_id: 'U3',
        account_name: 'Tres',
        segment: 'smb',
        billing_interval: 'quarter',
        days_until_renewal: 16,
        arr_at_stake: 2400,
        health_score: 37.5,
        health_band: 'critical',
        days_since_last_activity: 45,
      },
      // No event ever (no usage trend), support 100, financial 100 → 30 / 0.6 = 50: at risk from 50.
      {
        renewal_date: '2024-05-10',
        subscription_id: 'u6',
        account_id: 'U6',
        account_name: 'Seis',
        segment: 'smb',
        billing_interval: 'quarter',
        days_until_renewal: 25,
        arr_at_stake: 1800,
        health_score: 50,
        health_band: 'at_risk',
        days_since_last_activity: null,
      },
      // engagement 0 (no event by as_of), support 100, financial 100 → 30 / 0.6 = 50: at risk from 50.
      {
        renewal_date: '2024-07-14',
        subscription_id: 'u2',
        account_id: 'U2',
        account_name: 'Dos',
        segment: 'enterprise',
        billing_interval: 'year',
        days_until_renewal: 90,
        arr_at_stake: 12000,
        health_score: 50,
        health_band: 'at_risk',
        days_since_last_activity: null,
      },
    ]);
  });

  it('leaves the renewal on as_of to renewals_monthly (renewed: U4 still pays that day)', async () => {
    const [april] = await warehouse.query(
      `select renewals_due, renewed from marts.renewals_monthly where month = '2024-04-01' and segment = 'all'`,
    );
    expect(april).toEqual({ renewals_due: 1, renewed: 1 });
  });
});
