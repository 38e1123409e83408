import { describe, expect, it } from 'vitest';
import { normaliseRunResults } from '../scripts/lib/run-results.js';

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
