import { Warehouse } from '@pulse/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildRevenue } from '../support/revenue-build.js';

const EVIL = "x'); drop table marts.mrr_monthly; --";

describe('config values reach SQL as bound data', () => {
  let warehouse: Warehouse;
  beforeEach(async () => {
    warehouse = await Warehouse.open(':memory:');
  });
  afterEach(() => warehouse.close());

  it('keeps a hostile segment name and reporting currency as values', async () => {
    await buildRevenue(
      warehouse,
      {
        accounts: [{ account_id: 'A', segment: EVIL, created_at: '2024-01-01T00:00:00Z' }],
        // In the reporting currency (codes are upper-cased on read), so it converts at 1 without a rate.
        subscriptions: [
          {
            subscription_id: 'a',
            account_id: 'A',
            amount: 100,
            currency: EVIL.toUpperCase(),
            start_date: '2024-01-01',
          },
        ],
      },
      { asOf: '2024-02-29', reportingCurrency: EVIL },
    );
    const rows = await warehouse.query(
      `select strftime(month, '%m') as m, segment, mrr from marts.mrr_monthly order by month, segment`,
    );
    expect(rows).toEqual([
      { m: '01', segment: 'all', mrr: 100 },
      { m: '01', segment: EVIL, mrr: 100 },
      { m: '02', segment: 'all', mrr: 100 },
      { m: '02', segment: EVIL, mrr: 100 },
    ]);
  });

  it('rejects a hostile as_of as an invalid date, leaving the warehouse intact', async () => {
    const fixture = {
      accounts: [{ account_id: 'A', created_at: '2024-01-01T00:00:00Z' }],
      subscriptions: [{ subscription_id: 'a', account_id: 'A', amount: 100, start_date: '2024-01-01' }],
    };
    await buildRevenue(warehouse, fixture, { asOf: '2024-01-31' });
    await expect(buildRevenue(warehouse, fixture, { asOf: EVIL })).rejects.toThrow(/date/i);
    const [row] = await warehouse.query('select count(*)::integer as n from marts.mrr_monthly');
    expect(row).toEqual({ n: 2 });
  });
});
