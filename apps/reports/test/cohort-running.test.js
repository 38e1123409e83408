// @vitest-environment jsdom
// The cohort heatmaps drew the running month's cells (the last of every cohort row: cohort month + age
// = the as-of month) like whole months, so a half month of churn read as a final value. They now draw
// them with a dashed outline, say so in the same caption as the other charts, and the table view notes them.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cohortHeatmap, cohortNotes } from '../src/components/cohort-heatmap.js';
import { cohortCellMonth, isRunningCohortCell } from '../src/components/cohort-running.js';
import { runningMonthOf } from '../src/components/running-month.js';
import { withNote } from '../src/components/table-note.js';

// jsdom draws no canvas: the colour legend's ramp (an image drawn on one) gets a blank one.
beforeAll(() => {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue({ fillRect() {} });
  vi.spyOn(HTMLCanvasElement.prototype, 'toDataURL').mockReturnValue('data:,');
});
afterAll(() => vi.restoreAllMocks());

const month = (text) => new Date(`${text}T00:00:00Z`);
// A triangle as cohort_retention has it: cohorts Aug–Oct 2026, rows up to the as-of month (October).
const cohorts = ['2026-08-01', '2026-09-01', '2026-10-01'];
const rows = cohorts.flatMap((c, i) =>
  Array.from({ length: cohorts.length - i }, (_, age) => ({
    cohort_month: month(c),
    segment: 'all',
    months_since: age,
    logo_retention: 1 - age / 10,
  })),
);
const key = (r) => `${r.cohort_month.toISOString().slice(0, 7)}+${r.months_since}`;

describe('which cohort cells are in the running month', () => {
  it("a cell's calendar month is its cohort month plus its age, across a year's end", () => {
    expect(cohortCellMonth({ cohort_month: month('2026-08-01'), months_since: 2 })).toEqual(
      month('2026-10-01'),
    );
    expect(cohortCellMonth({ cohort_month: month('2025-11-01'), months_since: 14 })).toEqual(
      month('2027-01-01'),
    );
    expect(cohortCellMonth({ cohort_month: month('2026-10-01'), months_since: 0 })).toEqual(
      month('2026-10-01'),
    );
  });

  it('is the last cell of every cohort row when as_of is before its month end', () => {
    const running = runningMonthOf('2026-10-15');
    expect(rows.filter((r) => isRunningCohortCell(r, running)).map(key)).toEqual([
      '2026-08+2',
      '2026-09+1',
      '2026-10+0',
    ]);
  });

  it('is no cell when as_of is a month end or unknown, nor a cell of another month', () => {
    for (const running of [runningMonthOf('2026-10-31'), runningMonthOf(undefined)])
      expect(rows.filter((r) => isRunningCohortCell(r, running))).toEqual([]);
    const november = runningMonthOf('2026-11-03');
    expect(rows.filter((r) => isRunningCohortCell(r, november))).toEqual([]);
  });
});

describe('a cohort heatmap over a running month', () => {
  const options = { value: 'logo_retention', width: 640, label: 'Logo retention' };

  it('outlines the running cells in dashes over a white halo, and says so in the charts’ caption', () => {
    const chart = cohortHeatmap(rows, { ...options, running: runningMonthOf('2026-10-15') });
    expect(chart.querySelector('figcaption')?.textContent).toBe(
      'Oct 2026 is to date (as of 2026-10-15): its cells, the last of each cohort, have a dashed outline; its values can still change.',
    );
    const dashed = chart.querySelector('g[stroke-dasharray="3,2"]');
    expect(dashed?.getAttribute('aria-description')).toBe('cells of Oct 2026, to date (as of 2026-10-15)');
    // One outline per cohort row, in the row's last (rightmost) cell.
    const outlined = [...(dashed?.querySelectorAll('rect') ?? [])];
    expect(outlined.map((r) => r.getAttribute('aria-label'))).toEqual([
      'cohort Aug 2026, Oct 2026 to date',
      'cohort Sep 2026, Oct 2026 to date',
      'cohort Oct 2026, Oct 2026 to date',
    ]);
    const cells = [...chart.querySelectorAll('g[aria-label="cell"]:not([stroke]) rect')];
    const rightmost = new Map();
    for (const r of cells) {
      const y = +r.getAttribute('y') + +r.getAttribute('height') / 2;
      const x = +r.getAttribute('x') + +r.getAttribute('width') / 2;
      rightmost.set(y, Math.max(rightmost.get(y) ?? -Infinity, x));
    }
    for (const r of outlined) {
      const y = +r.getAttribute('y') + +r.getAttribute('height') / 2;
      expect(+r.getAttribute('x') + +r.getAttribute('width') / 2).toBeCloseTo(rightmost.get(y));
    }
    const halo = chart.querySelector('g[aria-hidden="true"][stroke="white"]');
    expect(halo?.querySelectorAll('rect')).toHaveLength(cohorts.length);
  });

  it('marks nothing and has no caption when as_of is a month end, unknown, or its cells have no value', () => {
    const suppressed = rows.map((r) =>
      key(r).endsWith('+0') || r.months_since === 1 || r.months_since === 2
        ? { ...r, logo_retention: null, suppressed: '< 5 accounts' }
        : r,
    );
    for (const chart of [
      cohortHeatmap(rows, { ...options, running: runningMonthOf('2026-10-31') }),
      cohortHeatmap(rows, options),
      cohortHeatmap(suppressed, { ...options, running: runningMonthOf('2026-10-15') }),
    ]) {
      expect(chart.querySelector('figcaption')).toBeNull();
      expect(chart.querySelector('[stroke-dasharray], [stroke="white"]')).toBeNull();
    }
  });
});

describe("the table view's note on a running cell", () => {
  it('writes "to date" after the value of a running cell only, the value as the table writes it', () => {
    const format = withNote(cohortNotes('logo_retention', runningMonthOf('2026-10-15')).logo_retention);
    const cells = rows.map((r, i) => format(r.logo_retention, i, rows));
    const noted = cells.filter((c) => typeof c !== 'string');
    expect(noted.map((c) => c.textContent)).toEqual(['0.8 · to date', '0.9 · to date', '1 · to date']);
    expect(noted.map((c) => c.querySelector('[data-note]')?.textContent)).toEqual(
      Array(3).fill(' · to date'),
    );
    expect(cells.filter((c) => typeof c === 'string')).toEqual(['1', '0.9', '1']);
  });

  it('notes nothing when as_of is a month end', () => {
    const note = cohortNotes('logo_retention', runningMonthOf('2026-10-31')).logo_retention;
    expect(rows.map(note).filter(Boolean)).toEqual([]);
  });
});
