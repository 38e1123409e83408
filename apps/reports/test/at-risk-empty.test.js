// The Health page's sentence where the at-risk table is empty: good news only when accounts were scored.
import { describe, expect, it } from 'vitest';
import { atRiskEmptyMessage } from '../src/components/at-risk-empty.js';

const may = new Date('2026-05-01T00:00:00Z');
const june = new Date('2026-06-01T00:00:00Z');
const count = (month, segment, band, accounts) => ({ month, segment, band, accounts });

describe('atRiskEmptyMessage', () => {
  it('says there is no score, not that nobody is at risk, when the mart has no rows', () => {
    expect(atRiskEmptyMessage([], 'all')).toMatch(/^No account has a health score yet/);
  });

  it('says the segment has no score in the latest month when only earlier months or other segments do', () => {
    const counts = [count(may, 'smb', 'healthy', 3), count(june, 'enterprise', 'healthy', 2)];
    expect(atRiskEmptyMessage(counts, 'smb')).toBe(
      'No account of this segment has a health score in the latest month.',
    );
  });

  it('gives the good news when the segment has scored accounts, all healthy', () => {
    const counts = [count(june, 'smb', 'healthy', 4), count(june, 'smb', 'critical', 0)];
    expect(atRiskEmptyMessage(counts, 'smb')).toMatch(/^No account is at risk in this segment/);
  });
});
