import { describe, expect, it } from 'vitest';
import { histogramBinsText } from '../src/components/ttv-histogram.js';

describe('the time-to-value histogram caption', () => {
  it('says the bins are whole days only when they are', () => {
    expect(
      histogramBinsText([
        { days: 0, accounts: 3 },
        { days: 20, accounts: 1 },
      ]),
    ).toBe('by whole days (0 = within the first 24 hours)');
  });

  it('names the bin width when the bars are several days wide (it said "whole days" over 5-day bars)', () => {
    expect(
      histogramBinsText([
        { days: 0, accounts: 3 },
        { days: 140, accounts: 1 },
      ]),
    ).toBe(
      'in bins of 5 days (the first, 0–5, counts the accounts that reached value within 5 days of signup)',
    );
  });
});
