// Config min_group_size as the site serves it: the data loader's JSON (what every chart, table view and
// CSV download of the pages is built from) holds the cells of small groups suppressed, while the Parquet
// marts it reads keep their full values. Hand-made marts and run_results.json, no pulse build.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDuckDB } from '../../apps/reports/scripts/lib/duckdb.js';

const run = promisify(execFile);
const LOADER = fileURLToPath(new URL('../../apps/reports/src/data/[name].json.js', import.meta.url));

const work = mkdtempSync(join(tmpdir(), 'pulse-small-groups-'));
const marts = join(work, 'marts');

/** Cohort 2026-01 at ages 0 and 1: `all` of 9 accounts, `ent` of 3 and `smb` of 6. */
const COHORTS = `
  SELECT cohort_month::DATE AS cohort_month, segment, months_since::INTEGER AS months_since,
         cohort_accounts::INTEGER AS cohort_accounts, active_accounts::INTEGER AS active_accounts,
         logo_retention::DOUBLE AS logo_retention, cohort_mrr::DOUBLE AS cohort_mrr, mrr::DOUBLE AS mrr,
         revenue_retention::DOUBLE AS revenue_retention,
         cumulative_revenue_per_account::DOUBLE AS cumulative_revenue_per_account
  FROM (VALUES
    ('2026-01-01', 'all', 0, 9, 9, 1.0, 900, 900, 1.0, 100),
    ('2026-01-01', 'all', 1, 9, 8, 8 / 9, 900, 850, 850 / 900, 190),
    ('2026-01-01', 'ent', 0, 3, 3, 1.0, 450, 450, 1.0, 150),
    ('2026-01-01', 'ent', 1, 3, 2, 2 / 3, 450, 400, 400 / 450, 280),
    ('2026-01-01', 'smb', 0, 6, 6, 1.0, 450, 450, 1.0, 75),
    ('2026-01-01', 'smb', 1, 6, 6, 1.0, 450, 450, 1.0, 145))
    AS t(cohort_month, segment, months_since, cohort_accounts, active_accounts, logo_retention, cohort_mrr,
         mrr, revenue_retention, cumulative_revenue_per_account)`;

/** run_results.json of a build with these vars (the loader reads run_results.json and manifest.json only). */
function target(name: string, vars: Record<string, unknown>): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'run_results.json'),
    JSON.stringify({
      as_of: '2026-02-28',
      status: 'success',
      vars: { asOf: '2026-02-28', ...vars },
      results: [],
    }),
  );
  return dir;
}

/** What the pages are served as data/<name>.json: the site's one data loader, run as Framework runs it. */
async function served(name: string, targetDir: string): Promise<Record<string, unknown>[]> {
  const env = { ...process.env, PULSE_MARTS_DIR: marts, PULSE_ARTIFACTS_DIR: targetDir };
  const { stdout } = await run(process.execPath, [LOADER, '--name', name], { env });
  return JSON.parse(stdout);
}

async function parquetRows(name: string): Promise<Record<string, unknown>[]> {
  const db = await openDuckDB();
  try {
    return await db.rows(
      `SELECT segment, months_since, cohort_accounts, logo_retention
       FROM read_parquet('${join(marts, `${name}.parquet`)}') ORDER BY segment, months_since`,
    );
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  mkdirSync(marts, { recursive: true });
  const db = await openDuckDB();
  try {
    await db.connection.run(
      `COPY (${COHORTS}) TO '${join(marts, 'cohort_retention.parquet')}' (FORMAT parquet)`,
    );
  } finally {
    db.close();
  }
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('min_group_size in the JSON served to the pages', () => {
  it('with min_group_size 5 the 3-account cohort is served suppressed; the 6- and 9-account ones in full', async () => {
    const rows = await served('cohort_retention', target('on', { minGroupSize: 5 }));
    const ent = rows.filter((r) => r.segment === 'ent');
    expect(ent).toEqual(
      [0, 1].map((age) => ({
        cohort_month: '2026-01-01',
        segment: 'ent',
        months_since: age,
        cohort_accounts: null,
        active_accounts: null,
        logo_retention: null,
        cohort_mrr: null,
        mrr: null,
        revenue_retention: null,
        cumulative_revenue_per_account: null,
        suppressed: '< 5 accounts',
      })),
    );
    const shown = rows.filter((r) => r.segment !== 'ent');
    expect(shown.map((r) => [r.segment, r.months_since, r.cohort_accounts, r.logo_retention])).toEqual([
      ['all', 0, 9, 1],
      ['all', 1, 9, 8 / 9],
      ['smb', 0, 6, 1],
      ['smb', 1, 6, 1],
    ]);
    expect(shown.every((r) => !('suppressed' in r))).toBe(true);
  });

  it('the `all` cohort is suppressed too when it is below the threshold', async () => {
    const rows = await served('cohort_retention', target('above-all', { minGroupSize: 10 }));
    expect(rows.map((r) => [r.segment, r.logo_retention, r.suppressed])).toEqual([
      ['all', null, '< 10 accounts'],
      ['all', null, '< 10 accounts'],
      ['ent', null, '< 10 accounts'],
      ['ent', null, '< 10 accounts'],
      ['smb', null, '< 10 accounts'],
      ['smb', null, '< 10 accounts'],
    ]);
  });

  it('the Parquet mart keeps its full values', async () => {
    await served('cohort_retention', target('on-again', { minGroupSize: 5 }));
    expect(await parquetRows('cohort_retention')).toEqual([
      { segment: 'all', months_since: 0, cohort_accounts: 9, logo_retention: 1 },
      { segment: 'all', months_since: 1, cohort_accounts: 9, logo_retention: 8 / 9 },
      { segment: 'ent', months_since: 0, cohort_accounts: 3, logo_retention: 1 },
      { segment: 'ent', months_since: 1, cohort_accounts: 3, logo_retention: 2 / 3 },
      { segment: 'smb', months_since: 0, cohort_accounts: 6, logo_retention: 1 },
      { segment: 'smb', months_since: 1, cohort_accounts: 6, logo_retention: 1 },
    ]);
  });

  it('off by default: without min_group_size every cell is served as the mart holds it', async () => {
    const rows = await served('cohort_retention', target('off', {}));
    expect(rows).toHaveLength(6);
    expect(rows.every((r) => !('suppressed' in r) && typeof r.logo_retention === 'number')).toBe(true);
    expect(rows.find((r) => r.segment === 'ent' && r.months_since === 1)?.logo_retention).toBe(2 / 3);
  });
});
