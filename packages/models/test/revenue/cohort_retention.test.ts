import { Warehouse } from '@pulse/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RawFixture } from '../support/raw-fixture.js';
import { buildRevenue } from '../support/revenue-build.js';

const AS_OF = '2024-04-30';

const accounts: RawFixture['accounts'] = [
  { account_id: 'A', segment: 'smb', created_at: '2023-12-01T00:00:00Z' },
  { account_id: 'B', segment: 'smb', created_at: '2023-12-01T00:00:00Z' },
  { account_id: 'C', segment: 'enterprise', created_at: '2023-12-01T00:00:00Z' },
  // Never pays: its segment gets no cohort rows.
  { account_id: 'M', segment: 'mid_market', created_at: '2023-12-01T00:00:00Z' },
];

const subscriptions: RawFixture['subscriptions'] = [
  { subscription_id: 'a', account_id: 'A', amount: 100, start_date: '2024-01-01' },
  // B: January cohort, churns in February, reactivates in April and stays in the January cohort.
  { subscription_id: 'b', account_id: 'B', amount: 50, start_date: '2024-01-01', end_date: '2024-02-15' },
  { subscription_id: 'b', account_id: 'B', amount: 60, start_date: '2024-04-01' },
  // C: February cohort, 200 then 300 from April.
  { subscription_id: 'c', account_id: 'C', amount: 200, start_date: '2024-02-10', end_date: '2024-04-01' },
  { subscription_id: 'c', account_id: 'C', amount: 300, start_date: '2024-04-01' },
  { subscription_id: 'm', account_id: 'M', amount: 0, start_date: '2024-01-01' },
];

const invoices: RawFixture['invoices'] = [
  // Before A's cohort month: not counted.
  { invoice_id: 'i0', account_id: 'A', issued_at: '2023-12-20T00:00:00Z', amount: 500 },
  { invoice_id: 'i1', account_id: 'A', issued_at: '2024-01-01T00:00:00Z', amount: 100 },
  { invoice_id: 'i2', account_id: 'A', issued_at: '2024-02-01T00:00:00Z', amount: 100 },
  { invoice_id: 'i3', account_id: 'A', issued_at: '2024-02-01T00:00:00Z', amount: 999, status: 'open' },
  { invoice_id: 'i4', account_id: 'A', issued_at: '2024-03-01T00:00:00Z', amount: 100 },
  { invoice_id: 'i5', account_id: 'A', issued_at: '2024-04-01T00:00:00Z', amount: 100 },
  { invoice_id: 'i6', account_id: 'B', issued_at: '2024-01-01T00:00:00Z', amount: 50 },
  // A paid credit note counts, negative.
  { invoice_id: 'i7', account_id: 'B', issued_at: '2024-02-20T00:00:00Z', amount: -10 },
  // Issued within the as_of day counts; the next day does not exist yet.
  { invoice_id: 'i8', account_id: 'B', issued_at: '2024-04-30T23:00:00Z', amount: 60 },
  { invoice_id: 'i9', account_id: 'B', issued_at: '2024-05-01T00:00:00Z', amount: 60 },
  // C pays 100 EUR at 2.0 = 200 in February; a void invoice in March does not count.
  { invoice_id: 'i10', account_id: 'C', issued_at: '2024-02-10T00:00:00Z', amount: 100, currency: 'EUR' },
  { invoice_id: 'i11', account_id: 'C', issued_at: '2024-03-10T00:00:00Z', amount: 200, status: 'void' },
  { invoice_id: 'i12', account_id: 'C', issued_at: '2024-04-10T00:00:00Z', amount: 300 },
];

const fx_rates: RawFixture['fx_rates'] = [{ date: '2024-01-01', currency: 'EUR', rate: 2 }];

describe('cohort_retention', () => {
  let warehouse: Warehouse;
  beforeEach(async () => {
    warehouse = await Warehouse.open(':memory:');
  });
  afterEach(() => warehouse.close());

  const cohortRows = () =>
    warehouse.query(
      `select strftime(cohort_month, '%m') as cohort, segment, months_since, cohort_accounts, active_accounts,
              logo_retention, cohort_mrr, mrr, revenue_retention, cumulative_revenue_per_account as cum
       from marts.cohort_retention order by cohort_month, segment, months_since`,
    );

  it('follows each cohort to the as-of month, with paid revenue to date per account', async () => {
    await buildRevenue(warehouse, { accounts, subscriptions, invoices, fx_rates }, { asOf: AS_OF });
    // January cohort {A, B}: MRR 150, 100, 100, 160 (B back with 60); paid to date
    // 150, 150 + 100 − 10 = 240, 240 + 100 = 340, 340 + 100 + 60 = 500; per account ÷ 2.
    const january = (segment: string) => [
      {
        cohort: '01',
        segment,
        months_since: 0,
        cohort_accounts: 2,
        active_accounts: 2,
        logo_retention: 1,
        cohort_mrr: 150,
        mrr: 150,
        revenue_retention: 1,
        cum: 75,
      },
      {
        cohort: '01',
        segment,
        months_since: 1,
        cohort_accounts: 2,
        active_accounts: 1,
        logo_retention: 0.5,
        cohort_mrr: 150,
        mrr: 100,
        revenue_retention: 100 / 150,
        cum: 120,
      },
      {
        cohort: '01',
        segment,
        months_since: 2,
        cohort_accounts: 2,
        active_accounts: 1,
        logo_retention: 0.5,
        cohort_mrr: 150,
        mrr: 100,
        revenue_retention: 100 / 150,
        cum: 170,
      },
      {
        cohort: '01',
        segment,
        months_since: 3,
        cohort_accounts: 2,
        active_accounts: 2,
        logo_retention: 1,
        cohort_mrr: 150,
        mrr: 160,
        revenue_retention: 160 / 150,
        cum: 250,
      },
    ];
    // February cohort {C}: 200, 200, 300; paid 200 (100 EUR × 2), 200 (void ignored), 500.
    const february = (segment: string) => [
      {
        cohort: '02',
        segment,
        months_since: 0,
        cohort_accounts: 1,
        active_accounts: 1,
        logo_retention: 1,
        cohort_mrr: 200,
        mrr: 200,
        revenue_retention: 1,
        cum: 200,
      },
      {
        cohort: '02',
        segment,
        months_since: 1,
        cohort_accounts: 1,
        active_accounts: 1,
        logo_retention: 1,
        cohort_mrr: 200,
        mrr: 200,
        revenue_retention: 1,
        cum: 200,
      },
      {
        cohort: '02',
        segment,
        months_since: 2,
        cohort_accounts: 1,
        active_accounts: 1,
        logo_retention: 1,
        cohort_mrr: 200,
        mrr: 300,
        revenue_retention: 1.5,
        cum: 500,
      },
    ];
    // Only (cohort, segment) pairs with accounts: no January enterprise, no mid_market at all.
    expect(await cohortRows()).toEqual([
      ...january('all'),
      ...january('smb'),
      ...february('all'),
      ...february('enterprise'),
    ]);
  });

  it('leaves revenue per account empty without invoices, and 0 when the export is present but empty', async () => {
    await buildRevenue(warehouse, { accounts, subscriptions }, { asOf: AS_OF });
    const missing = await warehouse.query(
      'select distinct cumulative_revenue_per_account as cum from marts.cohort_retention',
    );
    expect(missing).toEqual([{ cum: null }]);

    await buildRevenue(warehouse, { accounts, subscriptions }, { asOf: AS_OF, presentSources: ['invoices'] });
    const empty = await warehouse.query(
      'select distinct cumulative_revenue_per_account as cum from marts.cohort_retention',
    );
    expect(empty).toEqual([{ cum: 0 }]);
  });
});
