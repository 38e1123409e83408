import { Warehouse } from '@pulse/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRevenue } from '../support/revenue-build.js';

describe('revenue staging', () => {
  let warehouse: Warehouse;
  beforeAll(async () => {
    warehouse = await Warehouse.open(':memory:');
    await buildRevenue(
      warehouse,
      {
        accounts: [
          { account_id: '007', created_at: '2024-01-01T00:00:00Z' },
          { account_id: 'late', created_at: '2024-04-01T00:00:00Z' },
        ],
        subscriptions: [
          { subscription_id: 'm', account_id: '007', amount: 30, start_date: '2024-01-01' },
          {
            subscription_id: 'q',
            account_id: '007',
            amount: 90,
            billing_interval: 'quarter',
            start_date: '2024-01-01',
          },
          // 1200 GBP / 12 at the rate of Feb 10th's latest rate (Feb 1st: 1.25) = 125.
          {
            subscription_id: 'y',
            account_id: '007',
            amount: 1200,
            billing_interval: 'year',
            currency: 'GBP',
            start_date: '2024-02-10',
          },
          { subscription_id: 't', account_id: '007', amount: 49, is_trial: true, start_date: '2024-01-01' },
          // Scheduled to start after as_of: kept (an upcoming renewal may be judged by it), in no month's MRR.
          { subscription_id: 'f', account_id: '007', amount: 10, start_date: '2024-04-01' },
          { subscription_id: 'l', account_id: 'late', amount: 10, start_date: '2024-01-01' },
        ],
        invoices: [
          // Converted at the rate of its issue day: Mar 1st → 1.5.
          {
            invoice_id: 'i1',
            account_id: '007',
            issued_at: '2024-03-01T10:00:00Z',
            amount: 10,
            currency: 'GBP',
          },
          { invoice_id: 'i2', account_id: '007', issued_at: '2024-04-01T00:00:00Z', amount: 10 },
          { invoice_id: 'i3', account_id: 'late', issued_at: '2024-03-01T00:00:00Z', amount: 10 },
        ],
        spend: [
          // Same month, channel and category twice: they add up. GBP at the rate of the month's first day.
          { month: '2024-03-01', channel: 'ads', amount: 100, currency: 'GBP' },
          { month: '2024-03-01', channel: 'ads', amount: 20 },
          { month: '2024-04-01', channel: 'ads', amount: 999 },
        ],
        fx_rates: [
          { date: '2024-01-01', currency: 'GBP', rate: 1.2 },
          { date: '2024-02-01', currency: 'GBP', rate: 1.25 },
          { date: '2024-03-01', currency: 'GBP', rate: 1.5 },
        ],
      },
      { asOf: '2024-03-31' },
    );
  });
  afterAll(() => warehouse.close());

  it('stg_subscriptions: monthly MRR per period in the reporting currency at its start-date rate', async () => {
    const rows = await warehouse.query(
      'select subscription_id, fx_rate, mrr from staging.stg_subscriptions order by subscription_id',
    );
    expect(rows).toEqual([
      { subscription_id: 'f', fx_rate: 1, mrr: 10 },
      { subscription_id: 'm', fx_rate: 1, mrr: 30 },
      { subscription_id: 'q', fx_rate: 1, mrr: 30 }, // 90 / 3
      { subscription_id: 't', fx_rate: 1, mrr: 0 }, // trial with an amount: 0
      { subscription_id: 'y', fx_rate: 1.25, mrr: 125 }, // 1200 / 12 × 1.25
    ]);
  });

  it('int_account_months: a period scheduled after as_of counts in no month', async () => {
    const rows = await warehouse.query(
      "select month, mrr from intermediate.int_account_months where account_id = '007' order by month",
    );
    // Snapshots Jan 31st, Feb 29th, Mar 31st: m 30 + q 30, then y's 125 from Feb 10th; f (10 from Apr 1st)
    // in none, and no month after the as-of month.
    expect(rows).toEqual([
      { month: '2024-01-01', mrr: 60 },
      { month: '2024-02-01', mrr: 185 },
      { month: '2024-03-01', mrr: 185 },
    ]);
  });

  it('stg_invoices: issued by the end of as_of, by existing accounts, at the issue-day rate', async () => {
    const rows = await warehouse.query(
      'select invoice_id, issued_month, amount_reporting from staging.stg_invoices',
    );
    expect(rows).toEqual([{ invoice_id: 'i1', issued_month: '2024-03-01', amount_reporting: 15 }]);
  });

  it('stg_spend: months up to the as-of month, summed per month, channel and category', async () => {
    const rows = await warehouse.query(
      'select month, channel, category, amount_reporting from staging.stg_spend',
    );
    // 100 GBP × 1.5 + 20 USD.
    expect(rows).toEqual([
      { month: '2024-03-01', channel: 'ads', category: 'marketing', amount_reporting: 170 },
    ]);
  });

  it('stg_fx_rates: each rate with the date the next one takes over', async () => {
    const rows = await warehouse.query(
      'select date, rate, valid_until from staging.stg_fx_rates order by date',
    );
    expect(rows).toEqual([
      { date: '2024-01-01', rate: 1.2, valid_until: '2024-02-01' },
      { date: '2024-02-01', rate: 1.25, valid_until: '2024-03-01' },
      { date: '2024-03-01', rate: 1.5, valid_until: null },
    ]);
  });
});

describe('stg_spend: a sum that does not depend on the order of the rows', () => {
  it('0.1, 0.2 and 0.3 of one month, channel and category are 0.6 in both orders', async () => {
    // A refresh appends a new spend file's rows after the kept ones, where a build reads them in file-name
    // order. Before: a plain DOUBLE sum gave 0.6000000000000001 for (0.1 + 0.2) + 0.3 and 0.6 for
    // (0.2 + 0.3) + 0.1, so a refresh and a full build of the same files differed.
    const totals: unknown[] = [];
    for (const amounts of [
      [0.1, 0.2, 0.3],
      [0.2, 0.3, 0.1],
    ]) {
      const warehouse = await Warehouse.open(':memory:');
      try {
        await buildRevenue(
          warehouse,
          {
            accounts: [{ account_id: 'A', created_at: '2024-01-01T00:00:00Z' }],
            subscriptions: [{ subscription_id: 's', account_id: 'A', amount: 10, start_date: '2024-01-01' }],
            spend: amounts.map((amount) => ({ month: '2024-03-01', channel: 'ads', amount })),
          },
          { asOf: '2024-03-31' },
        );
        totals.push(...(await warehouse.query('select amount_reporting from staging.stg_spend')));
      } finally {
        await warehouse.close();
      }
    }
    expect(totals).toEqual([{ amount_reporting: 0.6 }, { amount_reporting: 0.6 }]);
  });
});
