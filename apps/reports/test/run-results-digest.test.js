import { describe, expect, it } from 'vitest';
import { normaliseRunResults } from '../scripts/lib/run-results.js';

const markdown = '## Customer success digest: March 2024\n\n- MRR: $300 at the end of March 2024.';

describe('digest of run_results.json', () => {
  it('keeps the text as the build wrote it, byte for byte', () => {
    expect(normaliseRunResults({ digest: { month: '2024-03-01', markdown } }).digest).toEqual({
      month: '2024-03-01',
      markdown,
    });
  });

  it('reads a file without a digest (older, `pulse test`, or a project without one) as none', () => {
    expect(normaliseRunResults({ status: 'success' }).digest).toBeNull();
    expect(normaliseRunResults({ digest: null }).digest).toBeNull();
    expect(normaliseRunResults({ digest: { month: '2024-03-01' } }).digest).toBeNull();
  });
});
