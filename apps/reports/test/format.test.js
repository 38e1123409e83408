// Money on KPI cards reads the same in every engine: the browser tests compute the expected text in
// Node and compare it with what Chromium shows.
import { describe, expect, it } from 'vitest';
import { formatMoney } from '../src/components/format.js';

describe('formatMoney (compact)', () => {
  it('writes whole amounts under 1,000 without a padded decimal', () => {
    expect(formatMoney(0, 'USD')).toBe('$0');
    expect(formatMoney(49, 'USD')).toBe('$49');
    expect(formatMoney(49, 'EUR')).toBe('€49');
  });

  it('keeps one decimal where there is one, and the compact suffixes', () => {
    expect(formatMoney(49.5, 'USD')).toBe('$49.5');
    expect(formatMoney(6940.59, 'USD')).toBe('$6.9K');
    expect(formatMoney(1_234_567, 'USD')).toBe('$1.2M');
    expect(formatMoney(-120.5, 'USD')).toBe('-$120.5');
  });
});
