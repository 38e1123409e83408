// @vitest-environment jsdom
// What a page says of the marts it reads. A mart's Parquet file whose column types differ from the
// manifest (its `mrr` rewritten as text) drew a wrong chart, with the drift listed only on the Data
// quality page: the page itself now raises its error banner.
import { describe, expect, it } from 'vitest';
import { provenanceBlock } from '../src/components/provenance.js';

const mart = (drift) => ({
  present: true,
  status: 'success',
  tests_total: 2,
  tests_failed: 0,
  failed_tests: [],
  drift,
});
const provenance = (drift) => ({
  as_of: '2026-11-30',
  run_id: 'r1',
  run_results_found: true,
  marts: { mrr_monthly: mart(drift) },
});

describe("a page's provenance", () => {
  it('is a plain line when the mart is as the manifest says', () => {
    const block = provenanceBlock(provenance([]), ['mrr_monthly']);
    expect(block.dataset.ok).toBe('true');
    expect(block.querySelector('[data-banner]')).toBeNull();
  });

  it('raises an error banner naming a column whose type differs from the manifest', () => {
    const block = provenanceBlock(provenance(['mrr is VARCHAR, manifest.json says DOUBLE']), ['mrr_monthly']);
    expect(block.dataset.ok).toBe('false');
    const banner = block.querySelector('[data-banner="error"]');
    expect(banner?.textContent).toContain(
      "mrr_monthly's file does not match manifest.json (mrr is VARCHAR, manifest.json says DOUBLE)",
    );
    expect(banner?.textContent).toContain('`pulse refresh` exports it anew');
  });
});

describe('a page built after a failed refresh', () => {
  it('raises the error banner: which run failed, why, and that the numbers are from the run before', () => {
    const failed = {
      ...provenance([]),
      failure_since: {
        started_at: '2026-12-03T03:00:00.000Z',
        status: 'failed',
        command: 'refresh',
        message: 'events/x.csv.gz: not valid gzip',
      },
    };
    const banner = provenanceBlock(failed, ['mrr_monthly']).querySelector('[data-banner="error"]');
    expect(banner?.textContent).toContain(
      'pulse refresh of 2026-12-03 03:00 UTC failed (events/x.csv.gz: not valid gzip): these numbers are from the run before it, data as of 2026-11-30',
    );
  });
});
