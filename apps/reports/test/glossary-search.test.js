import { describe, expect, it } from 'vitest';
import { matches } from '../src/components/glossary.js';

describe('the Definitions search', () => {
  it("finds a column by the words of a card's title (it needed the column's snake_case name)", () => {
    expect(matches('logo churn', 'mrr_monthly', 'logo_churn_rate', 'Accounts lost …')).toBe(true);
    expect(matches('arr at stake', 'renewals_upcoming', 'arr_at_stake', '')).toBe(true);
    expect(matches('days since last activity', 'renewals_upcoming', 'days_since_last_activity', '')).toBe(
      true,
    );
    expect(matches('quick_ratio', 'mrr_monthly', 'quick_ratio', '')).toBe(true);
  });

  it('still needs the words in order, and ignores case', () => {
    expect(matches('Churn logo', 'mrr_monthly', 'logo_churn_rate', '')).toBe(false);
    expect(matches('NRR', 'mrr_monthly', 'nrr', '')).toBe(true);
  });
});
