import { describe, expect, it } from 'vitest';
import { readFilters } from '../src/components/filter-value.js';

const month = (iso) => new Date(`${iso}T00:00:00Z`);

describe('readFilters', () => {
  it('orders a range picked backwards (From after To): the same months, as every page filters them', () => {
    const { range } = readFilters({ segment: 'smb', from: month('2026-09-01'), to: month('2026-06-01') });
    expect(range).toEqual({ from: month('2026-06-01'), to: month('2026-09-01') });
  });

  it('keeps a range picked forwards, the segment, and no range without months', () => {
    expect(readFilters({ from: month('2026-06-01'), to: month('2026-09-01') })).toEqual({
      segment: 'all',
      range: { from: month('2026-06-01'), to: month('2026-09-01') },
    });
    expect(readFilters({ segment: 'smb' })).toEqual({ segment: 'smb', range: null });
  });
});
