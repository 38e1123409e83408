// The upcoming renewals' window ends 90 days after as_of. An as_of set by a placeholder date
// (9999-12-31) put the end in year 10000, written `+010000-03-30`, and int_renewal_dates failed the build
// with "Conversion Error: invalid date field format" (renewals, renewals_monthly and renewals_upcoming
// skipped after it).
import { describe, expect, it } from 'vitest';
import { upcomingHorizon } from '../../src/intermediate/int_renewal_dates.js';

describe('upcomingHorizon', () => {
  it('is as_of + 90 UTC calendar days', () => {
    expect(upcomingHorizon('2024-01-01')).toBe('2024-03-31');
    expect(upcomingHorizon('2024-12-15')).toBe('2025-03-15');
  });

  it('stops at 9999-12-31, the last day a date column reads', () => {
    expect(upcomingHorizon('9999-12-31')).toBe('9999-12-31');
    expect(upcomingHorizon('9999-10-02')).toBe('9999-12-31');
    expect(upcomingHorizon('9999-10-01')).toBe('9999-12-30');
  });
});
