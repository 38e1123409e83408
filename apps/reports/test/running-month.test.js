// @vitest-environment jsdom
// The month as_of falls in, while it runs: charts drew it like a whole month, so half a month's
// movements or tickets read as a drop. They now draw it apart (a hollow point at the end of a dashed line,
// lighter bars) and say so in a caption.
import { describe, expect, it } from 'vitest';
import { categoryLines } from '../src/components/category-lines.js';
import { lineChart } from '../src/components/line-chart.js';
import { runningMonthOf } from '../src/components/running-month.js';
import { stackedBars } from '../src/components/stacked-bars.js';

const month = (text) => new Date(`${text}T00:00:00Z`);
const rows = ['2026-08-01', '2026-09-01', '2026-10-01'].map((m, i) => ({
  month: month(m),
  a: 10 + i,
  b: 5 - i,
}));
const series = [
  { key: 'a', label: 'A', color: '#0072b2' },
  { key: 'b', label: 'B', color: '#e69f00' },
];

describe('runningMonthOf', () => {
  it('is the month of as_of before its last day, and nothing on its last day or without as_of', () => {
    expect(runningMonthOf('2026-10-15')).toEqual({ month: month('2026-10-01'), asOf: '2026-10-15' });
    expect(runningMonthOf('2026-10-01')?.month).toEqual(month('2026-10-01'));
    expect(runningMonthOf('2026-10-31')).toBeUndefined();
    expect(runningMonthOf('2024-02-29')).toBeUndefined();
    expect(runningMonthOf(undefined)).toBeUndefined();
    expect(runningMonthOf(null)).toBeUndefined();
  });
});

describe('a chart over a running month', () => {
  const running = runningMonthOf('2026-10-15');

  it('a line chart draws its point hollow at the end of a dashed line, and says so', () => {
    const chart = lineChart(rows, { series, width: 640, running });
    expect(chart.querySelector('figcaption')?.textContent).toBe(
      'Oct 2026 is to date (as of 2026-10-15): its point is hollow; its values can still change.',
    );
    const dashed = [...chart.querySelectorAll('[aria-label="line"]')].filter(
      (g) => g.getAttribute('stroke-dasharray') === '4,3',
    );
    expect(dashed).toHaveLength(1);
    expect(dashed[0].querySelectorAll('path')).toHaveLength(series.length);
    const hollow = [...chart.querySelectorAll('[aria-label="dot"]')].filter(
      (g) => g.getAttribute('fill') === 'white',
    );
    expect(hollow).toHaveLength(1);
    expect(hollow[0].querySelectorAll('circle')).toHaveLength(series.length);
  });

  it('a bar chart draws its bars lighter, and says so', () => {
    const chart = stackedBars(rows, { series, width: 640, running });
    expect(chart.querySelector('figcaption')?.textContent).toBe(
      'Oct 2026 is to date (as of 2026-10-15): its bars are lighter; its values can still change.',
    );
    const bars = [...chart.querySelectorAll('[aria-label="rect"]')];
    expect(bars.map((g) => g.getAttribute('fill-opacity'))).toEqual([null, '0.45']);
    expect(bars.map((g) => g.querySelectorAll('rect').length)).toEqual([4, 2]);
  });

  // The line over the bars (net new MRR, tickets created) fell from a whole month to half of one, solid.
  it("a bar chart's line draws its point hollow at the end of a dashed segment too, and says so", () => {
    const line = { key: 'a', label: 'A line', color: '#cc79a7' };
    const chart = stackedBars(rows, { series: series.slice(1), line, width: 640, running });
    expect(chart.querySelector('figcaption')?.textContent).toBe(
      'Oct 2026 is to date (as of 2026-10-15): its bars are lighter and its points hollow; its values can still change.',
    );
    const lines = [...chart.querySelectorAll('[aria-label="line"]')];
    expect(lines.map((g) => g.getAttribute('stroke-dasharray'))).toEqual([null, '4,3']);
    const hollow = [...chart.querySelectorAll('[aria-label="dot"]')].filter(
      (g) => g.getAttribute('fill') === 'white',
    );
    expect(hollow.map((g) => g.querySelectorAll('circle').length)).toEqual([1]);
  });

  it('a line chart drawn above another can leave the caption to it', () => {
    const chart = lineChart(rows, { series, width: 640, running, captioned: false });
    expect(chart.querySelector('figcaption')).toBeNull();
    expect(chart.querySelector('[stroke-dasharray="4,3"]')).not.toBeNull();
  });

  it('lines per category (CAC by channel) draw the running month hollow on dashed lines, and say so', () => {
    const long = rows.flatMap((r) => [
      { month: r.month, channel: 'all', cac: r.a },
      { month: r.month, channel: 'ads', cac: r.b },
    ]);
    const chart = categoryLines(long, {
      y: 'cac',
      z: 'channel',
      categories: ['all', 'ads'],
      width: 640,
      running,
    });
    expect(chart.querySelector('figcaption')?.textContent).toBe(
      'Oct 2026 is to date (as of 2026-10-15): its points are hollow; its values can still change.',
    );
    const dashed = chart.querySelector('[aria-label="line"][stroke-dasharray="4,3"]');
    expect(dashed?.querySelectorAll('path')).toHaveLength(2);
    const hollow = chart.querySelector('[aria-label="dot"][fill="white"]');
    expect(hollow?.querySelectorAll('circle')).toHaveLength(2);
  });

  it('draws every month alike, with no caption, when as_of is a month end or the month is not shown', () => {
    for (const chart of [
      lineChart(rows, { series, width: 640, running: runningMonthOf('2026-10-31') }),
      lineChart(rows.slice(0, 2), { series, width: 640, running }),
      stackedBars(rows, { series, width: 640, running: undefined }),
      stackedBars(rows, { series, line: series[0], width: 640, running: runningMonthOf('2026-10-31') }),
      categoryLines(
        rows.map((r) => ({ month: r.month, channel: 'all', cac: r.a })),
        { y: 'cac', z: 'channel', categories: ['all'], width: 640 },
      ),
    ]) {
      expect(chart.querySelector('figcaption')).toBeNull();
      expect(
        chart.querySelector('[stroke-dasharray="4,3"], [fill-opacity="0.45"], [fill="white"]'),
      ).toBeNull();
    }
  });
});
