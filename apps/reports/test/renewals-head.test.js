// The renewals page ships each segment's first UPCOMING_SHOWN renewals by date (a large book has
// thousands), and the totals per band of the whole mart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDuckDB, sqlString } from '../scripts/lib/duckdb.js';
import { siteData } from '../scripts/lib/site-data.js';
import { UPCOMING_SHOWN } from '../scripts/lib/site-exports.js';

const marts = mkdtempSync(join(tmpdir(), 'pulse-renewals-head-'));
const inputs = { paths: { marts, target: marts }, run: null, manifest: null, glossary: { models: [] } };

// smb: UPCOMING_SHOWN + 5 renewals, one a day from 2026-01-01 (healthy, 12 ARR each); ent: 3 (no band).
beforeAll(async () => {
  const db = await openDuckDB();
  try {
    await db.rows(`COPY (
      SELECT ('2026-01-01'::DATE + i::INTEGER) AS renewal_date, 's' || lpad(i::VARCHAR, 5, '0') AS subscription_id,
             'smb' AS segment, 'healthy' AS health_band, 12.0 AS arr_at_stake
      FROM range(${UPCOMING_SHOWN + 5}) t(i)
      UNION ALL
      SELECT ('2026-01-01'::DATE + i::INTEGER), 'e' || i, 'ent', NULL, 100.0 FROM range(3) t(i)
    ) TO ${sqlString(join(marts, 'renewals_upcoming.parquet'))} (FORMAT parquet)`);
  } finally {
    db.close();
  }
});
afterAll(() => rmSync(marts, { recursive: true, force: true }));

describe('renewals_upcoming on the site', () => {
  it("ships each segment's first renewals by date, the whole mart only as its own document", async () => {
    const head = await siteData('renewals_upcoming_head', inputs);
    const bySegment = (segment) => head.filter((r) => r.segment === segment);
    expect(bySegment('smb')).toHaveLength(UPCOMING_SHOWN);
    expect(bySegment('smb').at(-1).subscription_id).toBe(`s${String(UPCOMING_SHOWN - 1).padStart(5, '0')}`);
    expect(bySegment('ent').map((r) => r.subscription_id)).toEqual(['e0', 'e1', 'e2']);
    // In date order, so the page's first rows are the earliest renewals.
    const dates = head.map((r) => r.renewal_date);
    expect(dates).toEqual([...dates].sort());
    expect(await siteData('renewals_upcoming', inputs)).toHaveLength(UPCOMING_SHOWN + 8);
  });

  it('totals renewals and ARR at stake per band, per segment and for all, over the whole mart', async () => {
    expect(await siteData('renewals_upcoming_by_band', inputs)).toEqual([
      {
        segment: 'all',
        band: 'healthy',
        renewals: UPCOMING_SHOWN + 5,
        arr_at_stake: 12 * (UPCOMING_SHOWN + 5),
      },
      { segment: 'all', band: 'none', renewals: 3, arr_at_stake: 300 },
      { segment: 'ent', band: 'none', renewals: 3, arr_at_stake: 300 },
      {
        segment: 'smb',
        band: 'healthy',
        renewals: UPCOMING_SHOWN + 5,
        arr_at_stake: 12 * (UPCOMING_SHOWN + 5),
      },
    ]);
  });
});
