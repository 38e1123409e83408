// The overview's KPI cards in a month still running at as_of. Net new MRR or churn of half a month was
// set against a whole month and called worse (churn: better) every month until its last day.
import { describe, expect, it } from 'vitest';
import { changeIsJudged, KPIS, monthCaption, monthIsRunning } from '../src/components/kpis.js';

const october = new Date(Date.UTC(2026, 9, 1));
const kpi = (id) => KPIS.find((k) => k.id === id);

describe('a month at as_of', () => {
  it('is running until its last day', () => {
    expect(monthIsRunning(october, '2026-10-15')).toBe(true);
    expect(monthIsRunning(october, '2026-10-30')).toBe(true);
    expect(monthIsRunning(october, '2026-10-31')).toBe(false);
    expect(monthIsRunning(october, '2026-11-15')).toBe(false);
    expect(monthIsRunning(october, null)).toBe(false);
    expect(monthCaption(october, '2026-10-15')).toBe('Oct 2026 · to date');
    expect(monthCaption(october, '2026-10-31')).toBe('Oct 2026');
  });
});

describe("a KPI card's change vs the month before", () => {
  it('is not judged for a KPI counting what happened in a month still running', () => {
    for (const id of ['net_new_mrr', 'logo_churn_rate', 'quick_ratio', 'nps', 'csat', 'median_ttv_days'])
      expect(changeIsJudged(kpi(id), october, '2026-10-15'), id).toBe(false);
  });

  it('is judged for a snapshot at as_of, and for every KPI once the month is whole', () => {
    for (const id of ['mrr', 'arr', 'nrr_12m', 'grr_12m'])
      expect(changeIsJudged(kpi(id), october, '2026-10-15'), id).toBe(true);
    for (const k of KPIS) expect(changeIsJudged(k, october, '2026-10-31'), k.id).toBe(true);
  });
});
