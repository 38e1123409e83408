import { describe, expect, it } from 'vitest';
import { addMonths, formatDay, parseDay } from '../src/calendar.js';
import { csvField, csvRow } from '../src/csv.js';
import { Random, Stream } from '../src/random.js';
import { formatTimestamp } from '../src/timestamp-format.js';

describe('generate: calendar', () => {
  it('adds months clamped to the month end, as DuckDB date + INTERVAL n MONTH does', () => {
    const plus = (day: string, months: number) => formatDay(addMonths(parseDay(day), months));
    expect(plus('2022-11-30', 6)).toBe('2023-05-30');
    expect(plus('2024-01-31', 1)).toBe('2024-02-29');
    expect(plus('2023-01-31', 1)).toBe('2023-02-28');
    expect(plus('2024-03-31', -1)).toBe('2024-02-29');
    expect(plus('2024-12-15', 12)).toBe('2025-12-15');
  });
});

describe('generate: timestamps', () => {
  it('writes the same instant in every style', () => {
    const instant = Date.parse('2024-04-01T03:00:00.250Z');
    expect(formatTimestamp(instant, 'utc')).toBe('2024-04-01T03:00:00Z');
    expect(formatTimestamp(instant, 'naive')).toBe('2024-04-01T03:00:00');
    expect(formatTimestamp(instant, 'millis')).toBe('2024-04-01T03:00:00.250Z');
    expect(formatTimestamp(instant, '-05:00')).toBe('2024-03-31T22:00:00-05:00');
    expect(formatTimestamp(instant, '+09:00')).toBe('2024-04-01T12:00:00+09:00');
    for (const style of ['-05:00', '+01:00', '+09:00', 'millis'] as const) {
      expect(Math.floor(Date.parse(formatTimestamp(instant, style)) / 1000)).toBe(Math.floor(instant / 1000));
    }
  });
});

describe('generate: csv', () => {
  it('quotes only what RFC 4180 requires, doubling quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('Smith, Jones')).toBe('"Smith, Jones"');
    expect(csvField('The "Blue" Door')).toBe('"The ""Blue"" Door"');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(' padded')).toBe('" padded"');
    expect(csvRow(['00042', null, 1.5, true])).toBe('00042,,1.5,true\n');
  });
});

describe('generate: random', () => {
  it('repeats a stream for the same seed and account, and differs across seeds, streams and accounts', () => {
    const draw = (seed: number, stream: number, index: number) => {
      const random = new Random(seed, stream, index);
      return Array.from({ length: 5 }, () => random.next());
    };
    const reference = draw(1, Stream.events, 42);
    expect(draw(1, Stream.events, 42)).toEqual(reference);
    expect(draw(2, Stream.events, 42)).not.toEqual(reference);
    expect(draw(1, Stream.tickets, 42)).not.toEqual(reference);
    expect(draw(1, Stream.events, 43)).not.toEqual(reference);
    expect(reference.every((value) => value >= 0 && value < 1)).toBe(true);
  });

  it('draws roughly uniform values', () => {
    const random = new Random(7, Stream.profile, 1);
    const buckets = Array(10).fill(0);
    for (let i = 0; i < 100_000; i++) buckets[Math.floor(random.next() * 10)]++;
    for (const bucket of buckets) expect(Math.abs(bucket - 10_000)).toBeLessThan(500);
  });
});
