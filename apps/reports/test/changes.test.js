import { describe, expect, it } from 'vitest';
import { accountRows, valueRows } from '../src/components/changes.js';

const changes = {
  values: [
    {
      mart: 'mrr_monthly',
      month: '2026-03-01',
      segment: 'all',
      column: 'arr',
      old: 1849386.02976,
      new: 1853455.46301,
    },
    {
      mart: 'mrr_monthly',
      month: '2026-03-01',
      segment: 'smb',
      column: 'logo_churn_rate',
      old: 0.0124523790178,
      new: 0.02,
    },
    {
      mart: 'mrr_monthly',
      month: '2026-03-01',
      segment: 'smb',
      column: 'active_accounts',
      old: 1617,
      new: 1618,
    },
    // A move below what the unit shows: both keep their digits, or the row would read "no change".
    { mart: 'mrr_monthly', month: '2026-03-01', segment: 'ent', column: 'mrr', old: 100.001, new: 100.002 },
    {
      mart: 'mrr_monthly',
      month: '2026-03-01',
      segment: 'tiny',
      column: 'mrr',
      old: 5,
      new: 6,
      suppressed: '< 5 accounts',
    },
  ],
  accounts: [{ account_id: 'A1', months: [{ month: '2026-03-01', old: 100, new: 150 }] }],
};

describe('the Changes page rows', () => {
  it('shows each moved value in its column unit, as the other pages do (it showed 1849386.02976)', () => {
    expect(valueRows(changes, { currency: 'USD' }).map((row) => [row.column, row.old, row.new])).toEqual([
      ['arr', '$1,849,386.03', '$1,853,455.46'],
      ['logo_churn_rate', '1.245%', '2%'],
      ['active_accounts', '1,617', '1,618'],
      ['mrr', '100.001', '100.002'],
      ['mrr', 'suppressed (< 5 accounts)', 'suppressed (< 5 accounts)'],
    ]);
  });

  it('keeps 12 significant digits in the CSV rows', () => {
    expect(
      valueRows(changes, { exact: true })
        .map((row) => [row.old, row.new])
        .slice(0, 2),
    ).toEqual([
      ['1849386.02976', '1853455.46301'],
      ['0.0124523790178', '0.02'],
    ]);
  });

  it("shows an account's MRR history in the reporting currency", () => {
    expect(accountRows(changes, { currency: 'EUR' })[0].changes).toBe('2026-03-01: €100.00 → €150.00');
  });
});
