// Which account ids get a page: those that can be a file name and URL segment as they are. An id of
// 251 characters made the site build fail with ENAMETOOLONG (after the output folder was emptied), and
// an account `index` was linked to `/accounts/index`, which is the Accounts page itself.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountPageIds, PAGE_ID_MAX_LENGTH, PAGE_ID_PATTERN } from '../scripts/lib/account-pages.js';
import { openDuckDB, sqlString } from '../scripts/lib/duckdb.js';

const marts = mkdtempSync(join(tmpdir(), 'pulse-page-ids-'));
const longest = 'a'.repeat(PAGE_ID_MAX_LENGTH);
const ids = {
  publishable: ['A1', 'x_y-z~0', longest, 'Index', 'index2'],
  refused: ['index', `${longest}b`, 'a'.repeat(251), 'a/b', 'a.b', 'a b', 'é'],
};

beforeAll(async () => {
  const db = await openDuckDB();
  try {
    const rows = [...ids.publishable, ...ids.refused].map((id) => `(${sqlString(id)}, true)`).join(', ');
    await db.rows(
      `COPY (SELECT * FROM (VALUES ${rows}) t(account_id, has_page))
       TO ${sqlString(join(marts, 'account_pages.parquet'))} (FORMAT parquet)`,
    );
  } finally {
    db.close();
  }
});
afterAll(() => rmSync(marts, { recursive: true, force: true }));

describe('account page ids', () => {
  it('publish a page only for ids of up to 200 letters, digits, _, - and ~ other than "index"', async () => {
    const published = await accountPageIds({ marts, target: marts });
    expect([...published].sort()).toEqual([...ids.publishable].sort());
  });

  it('are judged the same by the SQL filter and the pattern the pages use', () => {
    const pattern = new RegExp(PAGE_ID_PATTERN);
    expect(ids.publishable.every((id) => pattern.test(id))).toBe(true);
    expect(ids.refused.filter((id) => pattern.test(id))).toEqual([]);
  });
});
