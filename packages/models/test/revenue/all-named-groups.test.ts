import { Warehouse } from '@pulse/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RawFixture } from '../support/raw-fixture.js';
import { buildRevenue } from '../support/revenue-build.js';

// A segment and a channel named `all` in the data, the name of the marts' row of every group (G5). Under
// that name K1's rows shared the key of the all row: the identity tests failed ("all = sum of the
// segments") and mrr_monthly, cohort_retention and cac_monthly were left unpublished.
const created_at = '2024-01-01T00:00:00Z';
const fixture: RawFixture = {
  accounts: [
    { account_id: 'K1', segment: 'all', acquisition_channel: 'all', created_at },
    { account_id: 'K2', segment: 'smb', acquisition_channel: 'paid', created_at },
  ],
  subscriptions: [
    { subscription_id: 's1', account_id: 'K1', amount: 100, start_date: '2024-01-01' },
    { subscription_id: 's2', account_id: 'K2', amount: 50, start_date: '2024-01-01' },
  ],
  spend: [{ month: '2024-01-01', channel: 'all', amount: 10 }],
};

describe('a segment or channel named all', () => {
  let warehouse: Warehouse;
  beforeEach(async () => {
    warehouse = await Warehouse.open(':memory:');
  });
  afterEach(() => warehouse.close());

  it('is read as `all (segment)` / `all (channel)`: the all rows stay the sum of every group, and the identity tests pass', async () => {
    // buildRevenue throws when a data test fails.
    await buildRevenue(warehouse, fixture, { asOf: '2024-02-29' });
    expect(
      await warehouse.query(
        `select segment, mrr, new_mrr from marts.mrr_monthly where month = '2024-01-01' order by segment`,
      ),
    ).toEqual([
      { segment: 'all', mrr: 150, new_mrr: 150 },
      { segment: 'all (segment)', mrr: 100, new_mrr: 100 },
      { segment: 'smb', mrr: 50, new_mrr: 50 },
    ]);
    expect(
      await warehouse.query(
        `select channel, spend, new_accounts, new_mrr from marts.cac_monthly where month = '2024-01-01' order by channel`,
      ),
    ).toEqual([
      // 10 spent on the channel named all, which acquired K1; the all row: every channel's spend and accounts.
      { channel: 'all', spend: 10, new_accounts: 2, new_mrr: 150 },
      { channel: 'all (channel)', spend: 10, new_accounts: 1, new_mrr: 100 },
      { channel: 'paid', spend: 0, new_accounts: 1, new_mrr: 50 },
    ]);
    expect(
      await warehouse.query(
        `select segment, cohort_accounts from marts.cohort_retention
         where cohort_month = '2024-01-01' and months_since = 0 order by segment`,
      ),
    ).toEqual([
      { segment: 'all', cohort_accounts: 2 },
      { segment: 'all (segment)', cohort_accounts: 1 },
      { segment: 'smb', cohort_accounts: 1 },
    ]);
  });
});
