// Money on KPI cards reads the same in every engine: the browser tests compute the expected text in
// Node and compare it with what Chromium shows.
import { describe, expect, it } from 'vitest';
import { formatDelta, formatMoney, shownDelta } from '../src/components/format.js';

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

// The overview showed "0.8 d ▼ −0 d vs Sep 2026 (better)" for a median TTV of 0.817 → 0.778 days.
describe('shownDelta', () => {
  it('is 0 for a change that rounds to nothing at the precision shown, so no arrow or verdict', () => {
    expect(shownDelta('days', 0.778 - 0.817)).toBe(0);
    expect(formatDelta('days', shownDelta('days', 0.778 - 0.817))).toBe('±0 d');
    expect(shownDelta('percent', 0.0004)).toBe(0);
  });

  it('is the change itself when it shows, and null when there is none', () => {
    expect(shownDelta('days', 0.2)).toBe(0.2);
    expect(shownDelta('percent', -0.02)).toBe(-0.02);
    expect(shownDelta('money', -3, 'USD')).toBe(-3);
    expect(shownDelta('days', null)).toBeNull();
  });
});
