import { describe, expect, it } from 'vitest';
import { midMonth, monthAxis, monthTicks, wholeMonths } from '../src/components/month-axis.js';

const month = (iso) => new Date(`${iso}-01T00:00:00Z`);
const iso = (dates) => dates.map((d) => d.toISOString().slice(0, 7));

describe('monthTicks', () => {
  it('puts the ticks of a short range on its months (Plot put them on weeks: 7 Jun, 14, 21…)', () => {
    const months = ['2026-06', '2026-07', '2026-08', '2026-09'].map(month);
    expect(iso(monthTicks(months, 640))).toEqual(['2026-06', '2026-07', '2026-08', '2026-09']);
  });

  it('keeps one month in every few when the labels would not fit', () => {
    const months = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'].map(month);
    expect(iso(monthTicks(months, 200))).toEqual(['2026-01', '2026-04']);
  });

  it('leaves a year or more to Plot, and an empty chart', () => {
    const year = Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(2025, i, 1)));
    expect(monthTicks(year, 640)).toBeUndefined();
    expect(monthTicks([], 640)).toBeUndefined();
  });
});

describe('months as spans', () => {
  it("puts a month's point at the middle of its month, whatever its length", () => {
    expect(midMonth(month('2026-02')).toISOString()).toBe('2026-02-15T00:00:00.000Z');
    expect(midMonth(month('2026-01')).toISOString()).toBe('2026-01-16T12:00:00.000Z');
  });

  it("spans the months whole: from the first one's first day to the end of the last", () => {
    const months = ['2026-03', '2026-01', '2026-02'].map(month);
    expect(wholeMonths(months).map((d) => d.toISOString())).toEqual([
      '2026-01-01T00:00:00.000Z',
      '2026-04-01T00:00:00.000Z',
    ]);
    expect(wholeMonths([])).toBeUndefined();
    expect(monthAxis(months, 640, { spans: true }).domain).toEqual(wholeMonths(months));
    expect(monthAxis(months, 640).domain).toBeUndefined();
  });
});
