// An account page's document holds its renewals: those up to as_of (the `renewals` mart, with their
// outcome) and those due in the next 90 days (`renewals_upcoming`, with the ARR at stake and health band).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountDocument, accountDocuments } from '../scripts/lib/account-pages.js';
import { openDuckDB, sqlString } from '../scripts/lib/duckdb.js';

const marts = mkdtempSync(join(tmpdir(), 'pulse-account-pages-'));
const inputs = { paths: { marts, target: marts }, glossary: { models: [] } };
const copy = (sql, mart) => `COPY (${sql}) TO ${sqlString(join(marts, `${mart}.parquet`))} (FORMAT parquet)`;

// A1 has a page, a renewal on 2026-01-15 (renewed) and one due on 2026-04-15 (annual, 12 × 100 at stake,
// at risk today); B2 has a page and no renewal at all; C3 has an upcoming renewal but no page.
beforeAll(async () => {
  const db = await openDuckDB();
  try {
    await db.rows(
      copy(
        `SELECT * FROM (VALUES ('A1', true), ('B2', true), ('C3', false)) t(account_id, has_page)`,
        'account_pages',
      ),
    );
    await db.rows(
      copy(
        `SELECT 'sA1' AS subscription_id, 'A1' AS account_id, DATE '2026-01-15' AS renewal_date,
                DATE '2026-01-01' AS month, 'renewed' AS status`,
        'renewals',
      ),
    );
    await db.rows(
      copy(
        `SELECT * FROM (VALUES
           (DATE '2026-04-15', 'sA1', 'A1', 'Alpha', 'smb', 'year', 15.0, 1200.0, 62.5, 'at_risk', 3.0),
           (DATE '2026-05-01', 'sC3', 'C3', 'Gamma', 'smb', 'quarter', 31.0, 600.0, NULL, NULL, NULL)
         ) t(renewal_date, subscription_id, account_id, account_name, segment, billing_interval,
             days_until_renewal, arr_at_stake, health_score, health_band, days_since_last_activity)`,
        'renewals_upcoming',
      ),
    );
  } finally {
    db.close();
  }
});
afterAll(() => rmSync(marts, { recursive: true, force: true }));

describe('account page documents', () => {
  it('hold the renewals up to as_of and the upcoming ones of the account, nobody else’s', async () => {
    const a1 = await accountDocument('A1', inputs);
    expect(a1.renewals).toEqual([
      {
        subscription_id: 'sA1',
        account_id: 'A1',
        renewal_date: '2026-01-15',
        month: '2026-01-01',
        status: 'renewed',
      },
    ]);
    expect(a1.upcoming).toEqual([
      {
        renewal_date: '2026-04-15',
        subscription_id: 'sA1',
        account_id: 'A1',
        account_name: 'Alpha',
        segment: 'smb',
        billing_interval: 'year',
        days_until_renewal: 15,
        arr_at_stake: 1200,
        health_score: 62.5,
        health_band: 'at_risk',
        days_since_last_activity: 3,
      },
    ]);
  });

  it('give every published account an upcoming list, empty when nothing falls due', async () => {
    const documents = await accountDocuments(inputs);
    expect([...documents.keys()]).toEqual(['A1', 'B2']);
    expect(documents.get('B2').upcoming).toEqual([]);
    expect(documents.get('A1').upcoming.map((r) => r.subscription_id)).toEqual(['sA1']);
  });
});
