import { Warehouse } from '@pulse/core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RawFixture } from '../support/raw-fixture.js';
import { buildRevenue } from '../support/revenue-build.js';

// as_of falls mid-June: June is partial and measured on June 15th. Snapshot days: Jan 31, Feb 29, Mar 31,
// Apr 30, May 31, Jun 15.
const AS_OF = '2024-06-15';

const fixture: RawFixture = {
  accounts: [
    { account_id: 'A', created_at: '2024-01-01T00:00:00Z', segment: 'smb' },
    { account_id: 'B', created_at: '2024-01-01T00:00:00Z', segment: 'smb' },
    { account_id: 'C', created_at: '2024-01-01T00:00:00Z', segment: 'enterprise' },
    { account_id: 'D', created_at: '2024-01-01T00:00:00Z', segment: 'mid_market' },
    { account_id: 'G', created_at: '2024-01-01T00:00:00Z', segment: 'mid_market' },
    { account_id: 'H', created_at: '2024-01-01T00:00:00Z', segment: 'enterprise' },
    // Never active (trial only): no account rows, but its segment gets a full grid of zero rows.
    { account_id: 'F', created_at: '2024-01-01T00:00:00Z', segment: 'partner' },
    // Created the day after as_of: does not exist yet, nor do its subscriptions or its segment.
    { account_id: 'E', created_at: '2024-06-16T00:00:00Z', segment: 'late' },
  ],
  subscriptions: [
    // A: 100 from mid-January, 200 from March 10th (a price change ends one period and starts the next).
    { subscription_id: 'a1', account_id: 'A', amount: 100, start_date: '2024-01-15', end_date: '2024-03-10' },
    { subscription_id: 'a1', account_id: 'A', amount: 200, start_date: '2024-03-10' },
    // B: churns in February, comes back in April (reactivation, not expansion: its prev_mrr is 0).
    { subscription_id: 'b1', account_id: 'B', amount: 50, start_date: '2024-01-01', end_date: '2024-02-15' },
    { subscription_id: 'b1', account_id: 'B', amount: 80, start_date: '2024-04-01' },
    // C: annual 1200 → 100/month, plus a second subscription, quarterly 300 → 100/month, March–April.
    {
      subscription_id: 'c1',
      account_id: 'C',
      amount: 1200,
      billing_interval: 'year',
      start_date: '2024-02-01',
    },
    {
      subscription_id: 'c2',
      account_id: 'C',
      amount: 300,
      billing_interval: 'quarter',
      start_date: '2024-03-01',
      end_date: '2024-05-01',
    },
    // D: a trial with a non-zero amount and a free period count 0; then 100 EUR from March 5th, converted at
    // the March 1st rate (1.2) for the whole period even after the rate moves to 1.3 in April.
    {
      subscription_id: 'd1',
      account_id: 'D',
      amount: 99,
      is_trial: true,
      start_date: '2024-01-01',
      end_date: '2024-02-01',
    },
    { subscription_id: 'd1', account_id: 'D', amount: 0, start_date: '2024-02-01', end_date: '2024-03-01' },
    { subscription_id: 'd1', account_id: 'D', amount: 100, currency: 'EUR', start_date: '2024-03-05' },
    // G: ends on June 20th, after as_of: still active on the June snapshot, and no July row.
    { subscription_id: 'g1', account_id: 'G', amount: 70, start_date: '2024-01-01', end_date: '2024-06-20' },
    // H: annual 2400 → 200/month, ends June 10th: churns in the partial month.
    {
      subscription_id: 'h1',
      account_id: 'H',
      amount: 2400,
      billing_interval: 'year',
      start_date: '2024-01-01',
      end_date: '2024-06-10',
    },
    { subscription_id: 'f1', account_id: 'F', amount: 0, is_trial: true, start_date: '2024-01-01' },
    { subscription_id: 'e1', account_id: 'E', amount: 500, start_date: '2024-01-01' },
  ],
  fx_rates: [
    { date: '2024-01-01', currency: 'EUR', rate: 1.1 },
    { date: '2024-03-01', currency: 'EUR', rate: 1.2 },
    { date: '2024-04-01', currency: 'EUR', rate: 1.3 },
    // A rate row for the reporting currency is ignored: USD converts at 1.
    { date: '2024-01-01', currency: 'USD', rate: 2 },
  ],
};

describe('mrr_account_months and mrr_monthly', () => {
  let warehouse: Warehouse;
  beforeAll(async () => {
    warehouse = await Warehouse.open(':memory:');
    await buildRevenue(warehouse, fixture, { asOf: AS_OF });
  });
  afterAll(() => warehouse.close());

  it('gives each ever-active account a row per month from its first active month, with its movement', async () => {
    const rows = await warehouse.query(
      `select account_id, strftime(month, '%m') as m, mrr, prev_mrr, movement, mrr_change
       from marts.mrr_account_months order by account_id, month`,
    );
    const row = (account_id: string, m: string, mrr: number, prev_mrr: number, movement: string) => ({
      account_id,
      m,
      mrr,
      prev_mrr,
      movement,
      mrr_change: mrr - prev_mrr,
    });
    expect(rows).toEqual([
      row('A', '01', 100, 0, 'new'),
      row('A', '02', 100, 100, 'none'),
      row('A', '03', 200, 100, 'expansion'),
      row('A', '04', 200, 200, 'none'),
      row('A', '05', 200, 200, 'none'),
      row('A', '06', 200, 200, 'none'),
      row('B', '01', 50, 0, 'new'),
      row('B', '02', 0, 50, 'churn'),
      row('B', '03', 0, 0, 'none'),
      row('B', '04', 80, 0, 'reactivation'),
      row('B', '05', 80, 80, 'none'),
      row('B', '06', 80, 80, 'none'),
      // 1200/12 = 100; + 300/3 = 100 while c2 runs (Mar, Apr); c2 ends May 1st.
      row('C', '02', 100, 0, 'new'),
      row('C', '03', 200, 100, 'expansion'),
      row('C', '04', 200, 200, 'none'),
      row('C', '05', 100, 200, 'contraction'),
      row('C', '06', 100, 100, 'none'),
      // 100 EUR × 1.2 (rate of March 1st, the latest on or before March 5th) = 120, unchanged in April.
      row('D', '03', 120, 0, 'new'),
      row('D', '04', 120, 120, 'none'),
      row('D', '05', 120, 120, 'none'),
      row('D', '06', 120, 120, 'none'),
      row('G', '01', 70, 0, 'new'),
      row('G', '02', 70, 70, 'none'),
      row('G', '03', 70, 70, 'none'),
      row('G', '04', 70, 70, 'none'),
      row('G', '05', 70, 70, 'none'),
      row('G', '06', 70, 70, 'none'),
      // 2400/12 = 200; ended June 10th, before the June 15th snapshot.
      row('H', '01', 200, 0, 'new'),
      row('H', '02', 200, 200, 'none'),
      row('H', '03', 200, 200, 'none'),
      row('H', '04', 200, 200, 'none'),
      row('H', '05', 200, 200, 'none'),
      row('H', '06', 0, 200, 'churn'),
    ]);
    const [last] = await warehouse.query(`select max(month) as month from marts.mrr_account_months`);
    expect(last).toEqual({ month: '2024-06-01' });
  });

  it('sums the movements per month for all accounts, with retention rates over last month’s accounts', async () => {
    const rows = await warehouse.query(
      `select strftime(month, '%m') as m, mrr, arr, active_accounts, start_accounts, start_mrr,
              new_accounts, new_mrr, reactivated_accounts, reactivation_mrr, expansion_mrr, contraction_mrr,
              churned_accounts, churned_mrr, net_new_mrr, is_partial_month
       from marts.mrr_monthly where segment = 'all' order by month`,
    );
    const r = (
      m: string,
      mrr: number,
      active: number,
      start: number,
      startMrr: number,
      moves: number[],
      partial = false,
    ) => ({
      m,
      mrr,
      arr: 12 * mrr,
      active_accounts: active,
      start_accounts: start,
      start_mrr: startMrr,
      new_accounts: moves[0],
      new_mrr: moves[1],
      reactivated_accounts: moves[2],
      reactivation_mrr: moves[3],
      expansion_mrr: moves[4],
      contraction_mrr: moves[5],
      churned_accounts: moves[6],
      churned_mrr: moves[7],
      net_new_mrr: mrr - startMrr,
      is_partial_month: partial,
    });
    expect(rows).toEqual([
      // Jan: A 100 + B 50 + G 70 + H 200, all new.
      r('01', 420, 4, 0, 0, [4, 420, 0, 0, 0, 0, 0, 0]),
      // Feb: C new 100, B churns −50: 420 + 100 − 50.
      r('02', 470, 4, 4, 420, [1, 100, 0, 0, 0, 0, 1, -50]),
      // Mar: D new 120, A +100 and C +100 expansion: 470 + 120 + 200.
      r('03', 790, 5, 4, 470, [1, 120, 0, 0, 200, 0, 0, 0]),
      // Apr: B reactivates with 80; D's EUR rate moves, its MRR does not.
      r('04', 870, 6, 5, 790, [0, 0, 1, 80, 0, 0, 0, 0]),
      // May: C's quarterly subscription ends: −100 contraction.
      r('05', 770, 6, 6, 870, [0, 0, 0, 0, 0, -100, 0, 0]),
      // Jun (partial, snapshot June 15th): H churns −200; G (ends June 20th) still counts.
      r('06', 570, 5, 6, 770, [0, 0, 0, 0, 0, 0, 1, -200], true),
    ]);
  });

  it('computes the rates, NULL where the denominator is 0', async () => {
    const rows = await warehouse.query(
      `select strftime(month, '%m') as m, arpa, logo_churn_rate, customer_retention_rate, gross_mrr_churn_rate,
              net_mrr_churn_rate, nrr, grr, nrr_12m, grr_12m, quick_ratio, mrr_growth_rate
       from marts.mrr_monthly where segment = 'all' order by month`,
    );
    expect(rows).toEqual([
      // No account active in December: every rate over last month is NULL; 12m rates NULL (before range).
      {
        m: '01',
        arpa: 420 / 4,
        logo_churn_rate: null,
        customer_retention_rate: null,
        gross_mrr_churn_rate: null,
        net_mrr_churn_rate: null,
        nrr: null,
        grr: null,
        nrr_12m: null,
        grr_12m: null,
        quick_ratio: null,
        mrr_growth_rate: null,
      },
      // S = {A, B, G, H} (420): in Feb A 100 + B 0 + G 70 + H 200 = 370.
      {
        m: '02',
        arpa: 470 / 4,
        logo_churn_rate: 1 / 4,
        customer_retention_rate: (4 - 1 - 0) / 4,
        gross_mrr_churn_rate: 50 / 420,
        net_mrr_churn_rate: 50 / 420,
        nrr: 370 / 420,
        grr: 370 / 420,
        nrr_12m: null,
        grr_12m: null,
        quick_ratio: 100 / 50,
        mrr_growth_rate: 50 / 420,
      },
      // S = {A, C, G, H} (470, B at 0): in Mar 200 + 200 + 70 + 200 = 670, capped 100 + 100 + 70 + 200 = 470.
      {
        m: '03',
        arpa: 790 / 5,
        logo_churn_rate: 0,
        customer_retention_rate: (5 - 1 - 0) / 4,
        gross_mrr_churn_rate: 0,
        net_mrr_churn_rate: -200 / 470,
        nrr: 670 / 470,
        grr: 1,
        nrr_12m: null,
        grr_12m: null,
        quick_ratio: null,
        mrr_growth_rate: 320 / 470,
      },
      // Reactivation is neither churn nor expansion: nrr 790/790; quick ratio has nothing lost (NULL).
      {
        m: '04',
        arpa: 870 / 6,
        logo_churn_rate: 0,
        customer_retention_rate: (6 - 0 - 1) / 5,
        gross_mrr_churn_rate: 0,
        net_mrr_churn_rate: 0,
        nrr: 1,
        grr: 1,
        nrr_12m: null,
        grr_12m: null,
        quick_ratio: null,
        mrr_growth_rate: 80 / 790,
      },
      {
        m: '05',
        arpa: 770 / 6,
        logo_churn_rate: 0,
        customer_retention_rate: 1,
        gross_mrr_churn_rate: 100 / 870,
        net_mrr_churn_rate: 100 / 870,
        nrr: 770 / 870,
        grr: 770 / 870,
        nrr_12m: null,
        grr_12m: null,
        quick_ratio: 0,
        mrr_growth_rate: -100 / 870,
      },
      {
        m: '06',
        arpa: 570 / 5,
        logo_churn_rate: 1 / 6,
        customer_retention_rate: 5 / 6,
        gross_mrr_churn_rate: 200 / 770,
        net_mrr_churn_rate: 200 / 770,
        nrr: 570 / 770,
        grr: 570 / 770,
        nrr_12m: null,
        grr_12m: null,
        quick_ratio: 0,
        mrr_growth_rate: -200 / 770,
      },
    ]);
  });

  it('has a full month × segment grid: zero counts and NULL rates for a segment without revenue', async () => {
    const grid = await warehouse.query(
      `select segment, count(*)::integer as months from marts.mrr_monthly group by segment order by segment`,
    );
    // 'late' (account created after as_of) is not a segment; 'partner' (never active) is.
    expect(grid).toEqual(
      ['all', 'enterprise', 'mid_market', 'partner', 'smb'].map((segment) => ({ segment, months: 6 })),
    );
    const [partner] = await warehouse.query(
      `select mrr, active_accounts, new_accounts, churned_mrr, arpa, logo_churn_rate, nrr, quick_ratio
       from marts.mrr_monthly where segment = 'partner' and month = '2024-03-01'`,
    );
    expect(partner).toEqual({
      mrr: 0,
      active_accounts: 0,
      new_accounts: 0,
      churned_mrr: 0,
      arpa: null,
      logo_churn_rate: null,
      nrr: null,
      quick_ratio: null,
    });
    const smb = await warehouse.query(
      `select strftime(month, '%m') as m, mrr, active_accounts, reactivated_accounts, churned_accounts
       from marts.mrr_monthly where segment = 'smb' order by month`,
    );
    // A and B only.
    expect(smb).toEqual([
      { m: '01', mrr: 150, active_accounts: 2, reactivated_accounts: 0, churned_accounts: 0 },
      { m: '02', mrr: 100, active_accounts: 1, reactivated_accounts: 0, churned_accounts: 1 },
      { m: '03', mrr: 200, active_accounts: 1, reactivated_accounts: 0, churned_accounts: 0 },
      { m: '04', mrr: 280, active_accounts: 2, reactivated_accounts: 1, churned_accounts: 0 },
      { m: '05', mrr: 280, active_accounts: 2, reactivated_accounts: 0, churned_accounts: 0 },
      { m: '06', mrr: 280, active_accounts: 2, reactivated_accounts: 0, churned_accounts: 0 },
    ]);
  });
});

describe('mrr_monthly 12-month retention', () => {
  let warehouse: Warehouse;
  beforeEach(async () => {
    warehouse = await Warehouse.open(':memory:');
  });
  afterEach(() => warehouse.close());

  it('anchors on the accounts active 12 months earlier, NULL while m−12 is before the range', async () => {
    await buildRevenue(
      warehouse,
      {
        accounts: ['X', 'Y', 'Z'].map((account_id) => ({ account_id, created_at: '2023-01-01T00:00:00Z' })),
        subscriptions: [
          {
            subscription_id: 'x',
            account_id: 'X',
            amount: 100,
            start_date: '2023-01-01',
            end_date: '2024-01-01',
          },
          { subscription_id: 'x', account_id: 'X', amount: 150, start_date: '2024-01-01' },
          {
            subscription_id: 'y',
            account_id: 'Y',
            amount: 100,
            start_date: '2023-01-01',
            end_date: '2023-07-01',
          },
          { subscription_id: 'z', account_id: 'Z', amount: 50, start_date: '2023-06-01' },
        ],
      },
      { asOf: '2024-01-31' },
    );
    const rows = await warehouse.query(
      `select strftime(month, '%Y-%m') as m, nrr_12m, grr_12m from marts.mrr_monthly
       where segment = 'all' and month >= '2023-12-01' order by month`,
    );
    // Jan 2024: S12 = {X 100, Y 100} (Z started in June) = 200; now X 150, Y 0 → NRR 150/200, GRR (100 + 0)/200.
    expect(rows).toEqual([
      { m: '2023-12', nrr_12m: null, grr_12m: null },
      { m: '2024-01', nrr_12m: 150 / 200, grr_12m: 100 / 200 },
    ]);
  });
});

describe('mrr movements: amounts equal in decimals are equal, whatever binary floating point makes of them', () => {
  let warehouse: Warehouse;
  beforeEach(async () => {
    warehouse = await Warehouse.open(':memory:');
  });
  afterEach(() => warehouse.close());

  const accounts = ['P', 'Q'].map((account_id) => ({ account_id, created_at: '2025-01-01T00:00:00Z' }));
  const movements = () =>
    warehouse.query(
      `select account_id, strftime(month, '%Y-%m') as m, mrr, prev_mrr, movement, mrr_change
       from marts.mrr_account_months where account_id = 'P' order by month`,
    );

  it('an annual 358.80 then a monthly 29.90 is no contraction: 29.90 a month all along', async () => {
    await buildRevenue(
      warehouse,
      {
        accounts,
        subscriptions: [
          // 358.80 / 12 is 29.900000000000002 in binary floating point.
          {
            subscription_id: 'p',
            account_id: 'P',
            amount: 358.8,
            billing_interval: 'year',
            start_date: '2025-01-01',
            end_date: '2025-03-01',
          },
          { subscription_id: 'p', account_id: 'P', amount: 29.9, start_date: '2025-03-01' },
          { subscription_id: 'q', account_id: 'Q', amount: 100, start_date: '2025-03-01' },
        ],
      },
      { asOf: '2025-03-31' },
    );
    // Before: March was a contraction of -3.55e-15, and the quick ratio 100 / 3.55e-15 = 2.8e16.
    expect(await movements()).toEqual([
      { account_id: 'P', m: '2025-01', mrr: 29.9, prev_mrr: 0, movement: 'new', mrr_change: 29.9 },
      { account_id: 'P', m: '2025-02', mrr: 29.9, prev_mrr: 29.9, movement: 'none', mrr_change: 0 },
      { account_id: 'P', m: '2025-03', mrr: 29.9, prev_mrr: 29.9, movement: 'none', mrr_change: 0 },
    ]);
    const [march] = await warehouse.query(
      `select new_mrr, contraction_mrr, churned_mrr, quick_ratio, gross_mrr_churn_rate, nrr, grr
       from marts.mrr_monthly where segment = 'all' and month = '2025-03-01'`,
    );
    // Quick ratio: (100 + 0 + 0) / -(0 + 0), a zero denominator: NULL (G6).
    expect(march).toEqual({
      new_mrr: 100,
      contraction_mrr: 0,
      churned_mrr: 0,
      quick_ratio: null,
      gross_mrr_churn_rate: 0,
      nrr: 1,
      grr: 1,
    });
  });

  it('keeps the digits a double holds of an MRR: 100 a year is 100 / 12 a month, to 1e-13', async () => {
    await buildRevenue(
      warehouse,
      {
        accounts,
        subscriptions: [
          {
            subscription_id: 'p',
            account_id: 'P',
            amount: 100,
            billing_interval: 'year',
            start_date: '2025-01-01',
          },
          { subscription_id: 'q', account_id: 'Q', amount: 1234.5678, start_date: '2025-01-01' },
        ],
      },
      { asOf: '2025-02-28' },
    );
    const rows = await warehouse.query(
      `select account_id, strftime(month, '%Y-%m') as m, mrr, movement
       from marts.mrr_account_months order by account_id, month`,
    );
    // Held to 12 significant digits, P's MRR was 8.33333333333 (3.3e-12 off).
    expect(rows).toEqual([
      { account_id: 'P', m: '2025-01', mrr: expect.closeTo(100 / 12, 13), movement: 'new' },
      { account_id: 'P', m: '2025-02', mrr: expect.closeTo(100 / 12, 13), movement: 'none' },
      { account_id: 'Q', m: '2025-01', mrr: 1234.5678, movement: 'new' },
      { account_id: 'Q', m: '2025-02', mrr: 1234.5678, movement: 'none' },
    ]);
  });

  it('two periods of 10.10 and 20.20 merged into one of 30.30 is no expansion', async () => {
    await buildRevenue(
      warehouse,
      {
        accounts,
        subscriptions: [
          // 10.10 + 20.20 is 30.299999999999997 in binary floating point.
          {
            subscription_id: 'base',
            account_id: 'P',
            amount: 10.1,
            start_date: '2025-01-01',
            end_date: '2025-02-01',
          },
          {
            subscription_id: 'addon',
            account_id: 'P',
            amount: 20.2,
            start_date: '2025-01-01',
            end_date: '2025-02-01',
          },
          { subscription_id: 'merged', account_id: 'P', amount: 30.3, start_date: '2025-02-01' },
        ],
      },
      { asOf: '2025-02-28' },
    );
    expect(await movements()).toEqual([
      { account_id: 'P', m: '2025-01', mrr: 30.3, prev_mrr: 0, movement: 'new', mrr_change: 30.3 },
      { account_id: 'P', m: '2025-02', mrr: 30.3, prev_mrr: 30.3, movement: 'none', mrr_change: 0 },
    ]);
    const [february] = await warehouse.query(
      `select expansion_mrr, nrr from marts.mrr_monthly where segment = 'all' and month = '2025-02-01'`,
    );
    expect(february).toEqual({ expansion_mrr: 0, nrr: 1 });
  });
});
