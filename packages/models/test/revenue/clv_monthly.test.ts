import { Warehouse } from '@pulse/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RawFixture } from '../support/raw-fixture.js';
import { buildRevenue } from '../support/revenue-build.js';

// smb: ten accounts at 100 from January. S0 ends Mar 1st (churns in March: 1/10), S1–S3 end May 15th
// (churn in May: 3/9). enterprise: one account that never churns (churn rate 0 every month).
const smbEnds: (string | null)[] = [
  '2024-03-01',
  '2024-05-15',
  '2024-05-15',
  '2024-05-15',
  null,
  null,
  null,
  null,
  null,
  null,
];
const fixture: RawFixture = {
  accounts: [
    ...smbEnds.map((_, i) => ({ account_id: `S${i}`, segment: 'smb', created_at: '2024-01-01T00:00:00Z' })),
    { account_id: 'E', segment: 'enterprise', created_at: '2024-01-01T00:00:00Z' },
  ],
  subscriptions: [
    ...smbEnds.map((end_date, i) => ({
      subscription_id: `s${i}`,
      account_id: `S${i}`,
      amount: 100,
      start_date: '2024-01-01',
      end_date,
    })),
    { subscription_id: 'e', account_id: 'E', amount: 500, start_date: '2024-01-01' },
  ],
};

const round = (value: unknown) => (typeof value === 'number' ? Number(value.toFixed(9)) : value);
const rounded = (rows: Record<string, unknown>[]) =>
  rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, round(v)])));

describe('clv_monthly', () => {
  let warehouse: Warehouse;
  beforeAll(async () => {
    warehouse = await Warehouse.open(':memory:');
    await buildRevenue(warehouse, fixture, { asOf: '2024-08-31', grossMargin: 0.75 });
  });
  afterAll(() => warehouse.close());

  it('divides ARPA by the mean churn of the six previous months, once three of them have a rate', async () => {
    const rows = await warehouse.query(
      `select strftime(month, '%m') as m, arpa, avg_logo_churn_rate as churn, clv, gross_margin, clv_gross
       from marts.clv_monthly where segment = 'smb' order by month`,
    );
    // smb logo churn rates: Jan NULL (no start accounts), Feb 0, Mar 0.1, Apr 0, May 1/3, Jun–Aug 0.
    const clv = (m: string, churn: number | null) => ({
      m,
      arpa: 100,
      churn: round(churn),
      clv: churn ? round(100 / churn) : null,
      gross_margin: 0.75,
      clv_gross: churn ? round((100 / churn) * 0.75) : null,
    });
    expect(rounded(rows)).toEqual([
      clv('01', null), // no previous month
      clv('02', null), // Jan: no rate
      clv('03', null), // Feb only: 1 rate
      clv('04', null), // Feb, Mar: 2 rates
      clv('05', (0 + 0.1 + 0) / 3), // Feb–Apr
      clv('06', (0 + 0.1 + 0 + 1 / 3) / 4), // Feb–May
      clv('07', (0 + 0.1 + 0 + 1 / 3 + 0) / 5), // Jan–Jun, Jan without a rate
      clv('08', (0 + 0.1 + 0 + 1 / 3 + 0 + 0) / 6), // Feb–Jul
    ]);
  });

  it('leaves CLV empty when the churn mean is 0', async () => {
    const rows = await warehouse.query(
      `select strftime(month, '%m') as m, arpa, avg_logo_churn_rate as churn, clv, clv_gross
       from marts.clv_monthly where segment = 'enterprise' and month >= '2024-05-01' order by month`,
    );
    expect(rows).toEqual(
      ['05', '06', '07', '08'].map((m) => ({ m, arpa: 500, churn: 0, clv: null, clv_gross: null })),
    );
  });
});
