// @vitest-environment jsdom
// Line charts of one month: each series is one point. Plot, grouping the lines by their colour, then
// logged "the implicit z channel has high cardinality" in every visitor's console (the churn, MRR,
// engagement, support and other pages' line charts over a one-month history).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { lineChart } from '../src/components/line-chart.js';

afterEach(() => vi.restoreAllMocks());

describe('a line chart', () => {
  it.each([
    ['one month', ['2026-11-01']],
    ['two months', ['2026-10-01', '2026-11-01']],
  ])('of %s draws one line per series and logs no warning', (_, months) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const rows = months.map((month, i) => ({ month, a: 1 + i, b: 2 + i, c: 3 + i }));
    const series = ['a', 'b', 'c'].map((key) => ({ key, label: key.toUpperCase(), color: '#0072b2' }));
    const chart = lineChart(rows, { series, width: 640 });
    expect(warn).not.toHaveBeenCalled();
    expect(chart.querySelectorAll('[aria-label="line"] path')).toHaveLength(series.length);
  });
});
