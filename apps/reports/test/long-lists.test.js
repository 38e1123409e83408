// Lists that grow with the book stay light on the page: the health page ships each segment's first
// AT_RISK_SHOWN at-risk accounts of the latest month, the time-to-value histogram reads counts per whole
// day, the MRR page at most MOVERS_PER_BAR movers per bar; the whole lists are their own documents,
// fetched only for a CSV.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDuckDB, sqlString } from '../scripts/lib/duckdb.js';
import { siteData } from '../scripts/lib/site-data.js';
import { AT_RISK_SHOWN, MOVERS_PER_BAR } from '../scripts/lib/site-exports.js';
import { fromCompact } from '../src/components/data.js';

const marts = mkdtempSync(join(tmpdir(), 'pulse-long-lists-'));
const inputs = { paths: { marts, target: marts }, run: null, manifest: null, glossary: { models: [] } };
const write = (db, name, select) =>
  db.rows(`COPY (${select}) TO ${sqlString(join(marts, `${name}.parquet`))} (FORMAT parquet)`);

beforeAll(async () => {
  const db = await openDuckDB();
  try {
    // October (latest): smb has AT_RISK_SHOWN + 10 at-risk accounts with scores 60.000, 60.001, … (account
    // ids descending, so id order is not score order), 5 healthy; ent has 3 critical ones scored 40, 41, 42.
    // September: every account at risk (not the latest month, never listed).
    await write(
      db,
      'health_scores',
      `SELECT 'a' || lpad((100000 - i)::VARCHAR, 6, '0') AS account_id, DATE '2026-10-01' AS month,
              'smb' AS segment, 60 + i / 1000 AS score, 'at_risk' AS band
       FROM range(${AT_RISK_SHOWN + 10}) t(i)
       UNION ALL SELECT 'h' || i, DATE '2026-10-01', 'smb', 90, 'healthy' FROM range(5) t(i)
       UNION ALL SELECT 'e' || i, DATE '2026-10-01', 'ent', 40 + i, 'critical' FROM range(3) t(i)
       UNION ALL SELECT 'old' || i, DATE '2026-09-01', 'smb', 10, 'critical' FROM range(4) t(i)`,
    );
    // Reached after 0.2, 0.9, 1.0, 1.5 and 30.99 days; one not reached; another segment and month.
    await write(
      db,
      'ttv_accounts',
      `SELECT * FROM (VALUES
         ('t1', 'smb', DATE '2026-01-01', 0.2, true), ('t2', 'smb', DATE '2026-01-01', 0.9, true),
         ('t3', 'smb', DATE '2026-01-01', 1.0, true), ('t4', 'smb', DATE '2026-01-01', 1.5, true),
         ('t5', 'smb', DATE '2026-01-01', 30.99, true), ('t6', 'smb', DATE '2026-01-01', NULL, false),
         ('t7', 'ent', DATE '2026-02-01', 0.5, true)
       ) v(account_id, segment, signup_month, ttv_days, reached)`,
    );
    // One month, one segment: MOVERS_PER_BAR + 3 new accounts ranked 1…, and 2 churned.
    await write(
      db,
      'mrr_movers',
      `SELECT DATE '2026-10-01' AS month, 'all' AS segment, 'new' AS movement, 'n' || i AS account_id,
              i + 1 AS rank, 1000.0 - i AS mrr_change
       FROM range(${MOVERS_PER_BAR + 3}) t(i)
       UNION ALL SELECT DATE '2026-10-01', 'all', 'churn', 'c' || i, i + 1, -10.0 * (i + 1) FROM range(2) t(i)`,
    );
  } finally {
    db.close();
  }
});
afterAll(() => rmSync(marts, { recursive: true, force: true }));

describe('long account lists on the site', () => {
  it("ships each segment's lowest at-risk scores of the latest month; the whole list is its own document", async () => {
    const head = await siteData('health_at_risk_head', inputs);
    const smb = head.filter((r) => r.segment === 'smb');
    expect(smb).toHaveLength(AT_RISK_SHOWN);
    expect(smb.every((r) => r.band === 'at_risk' && r.month === '2026-10-01')).toBe(true);
    // The lowest scores: the last shown is the AT_RISK_SHOWN-th, 60 + (AT_RISK_SHOWN - 1) / 1000.
    expect(smb.at(-1).score).toBeCloseTo(60 + (AT_RISK_SHOWN - 1) / 1000, 9);
    expect(head.filter((r) => r.segment === 'ent').map((r) => r.account_id)).toEqual(['e0', 'e1', 'e2']);
    // Lowest score first across segments, so the page's first 1,000 for `all` are the first 1,000 overall.
    const scores = head.map((r) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    expect(head.slice(0, 3).map((r) => r.account_id)).toEqual(['e0', 'e1', 'e2']);

    const all = await siteData('health_at_risk', inputs);
    expect(all).toHaveLength(AT_RISK_SHOWN + 10 + 3);
    expect(all.some((r) => r.band === 'healthy' || r.month !== '2026-10-01')).toBe(false);
  });

  it('counts the accounts that reached value per signup month, segment and whole day', async () => {
    expect(await siteData('ttv_day_counts', inputs)).toEqual([
      { signup_month: '2026-01-01', segment: 'smb', days: 0, accounts: 2 },
      { signup_month: '2026-01-01', segment: 'smb', days: 1, accounts: 2 },
      { signup_month: '2026-01-01', segment: 'smb', days: 30, accounts: 1 },
      { signup_month: '2026-02-01', segment: 'ent', days: 0, accounts: 1 },
    ]);
    expect(await siteData('ttv_accounts', inputs)).toHaveLength(7);
  });

  it('ships at most MOVERS_PER_BAR movers per bar, largest first', async () => {
    const compact = await siteData('mrr_movers', inputs);
    // Column names once, each row's values in their order.
    expect(compact.columns).toEqual(['month', 'segment', 'movement', 'account_id', 'rank', 'mrr_change']);
    const movers = fromCompact(compact);
    const bar = (movement) => movers.filter((r) => r.movement === movement);
    expect(bar('new')).toHaveLength(MOVERS_PER_BAR);
    expect(bar('new').map((r) => r.rank)).toEqual(Array.from({ length: MOVERS_PER_BAR }, (_, i) => i + 1));
    expect(bar('churn').map((r) => r.account_id)).toEqual(['c0', 'c1']);
  });
});
