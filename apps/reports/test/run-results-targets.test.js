import { describe, expect, it } from 'vitest';
import { normaliseRunResults } from '../scripts/lib/run-results.js';
import { kindOfColumn, targetsOf } from '../src/components/targets.js';

const breach = {
  metric: 'mrr_monthly.logo_churn_rate',
  segment: 'all',
  operator: '<',
  threshold: 0.05,
  month: '2026-09-01',
  value: 0.07,
  status: 'breached',
  message: 'mrr_monthly.logo_churn_rate [all] in 2026-09 is 0.07, target < 0.05: BREACHED',
};

describe('targets of run_results.json', () => {
  it('keeps each judged target with its mart and column split out', () => {
    expect(normaliseRunResults({ targets: [breach] }).targets).toEqual([
      { ...breach, mart: 'mrr_monthly', column: 'logo_churn_rate' },
    ]);
  });

  it('reads a file written before targets existed as none, and an unknown state as an error', () => {
    expect(normaliseRunResults({ status: 'success' }).targets).toEqual([]);
    const [odd] = normaliseRunResults({
      targets: [{ ...breach, status: 'weird' }, { metric: 'nodot' }],
    }).targets;
    expect(odd.status).toBe('error');
    expect(normaliseRunResults({ targets: [{ metric: 'nodot' }] }).targets).toEqual([]);
  });
});

describe('targets on chart cards', () => {
  const judged = normaliseRunResults({
    targets: [
      breach,
      { ...breach, segment: 'smb' },
      { ...breach, metric: 'support_monthly.median_resolution_hours', threshold: 24, status: 'met' },
    ],
  }).targets;

  it('picks the targets of one mart and segment (a card shows those on the columns it draws)', () => {
    expect(targetsOf(judged, 'mrr_monthly', 'all').map((t) => t.segment)).toEqual(['all']);
    expect(targetsOf(judged, 'mrr_monthly', 'smb')).toHaveLength(1);
    expect(targetsOf(judged, 'support_monthly', 'all').map((t) => t.column)).toEqual([
      'median_resolution_hours',
    ]);
    expect(targetsOf(judged, 'cac_monthly', 'all')).toEqual([]);
  });

  it.each([
    ['logo_churn_rate', 'percent'],
    ['nrr', 'percent'],
    ['grr_12m', 'percent'],
    ['median_resolution_hours', 'hours'],
    ['median_ttv_days', 'days'],
    ['nps', 'score'],
    ['mrr', 'money'],
    ['arpa', 'money'],
    ['active_accounts', 'number'],
  ])('reads %s as a %s', (column, kind) => {
    expect(kindOfColumn(column)).toBe(kind);
  });
});
