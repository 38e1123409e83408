// The bundled sample end to end, as `npm install && npx turbo build` runs it: the real CLI, the real
// project, real DuckDB. Built three times, under UTC and two far-apart time zones, which must agree.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSampleProject } from '../support/site-build.js';

const MARTS = [
  'mrr_account_months',
  'mrr_monthly',
  'cohort_retention',
  'clv_monthly',
  'ttv_accounts',
  'ttv_cohorts',
  'nps_monthly',
  'csat_monthly',
  'cac_monthly',
  'support_monthly',
  'renewals_monthly',
  'renewals_upcoming',
  'engagement_account_months',
  'engagement_monthly',
  'health_scores',
  'mrr_movers',
  'renewals',
  'account_pages',
  'account_tickets',
  'account_survey_responses',
];
const ZONES = ['UTC', 'America/Los_Angeles', 'Asia/Kolkata'] as const;

const work = mkdtempSync(join(tmpdir(), 'pulse-sample-'));
const rootOf = (zone: string) => join(work, zone.replace('/', '_'));

async function query<R = Record<string, unknown>>(sql: string): Promise<R[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    return (await connection.runAndReadAll(sql)).getRowObjectsJson() as R[];
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

const parquet = (zone: string, mart: string) => `'${join(rootOf(zone), 'data', 'marts', `${mart}.parquet`)}'`;

beforeAll(async () => {
  await Promise.all(ZONES.map((zone) => buildSampleProject(rootOf(zone), { TZ: zone })));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('pulse build on the bundled sample', () => {
  const runResults = () =>
    JSON.parse(readFileSync(join(rootOf('UTC'), 'target', 'run_results.json'), 'utf8'));

  it('builds every model and passes every error-severity data test', () => {
    const results = runResults().results as {
      name: string;
      status: string;
      tests: { name: string; severity: string; status: string }[];
    }[];
    expect(results.filter((node) => node.status !== 'success').map((node) => node.name)).toEqual([]);
    const failing = results.flatMap((node) =>
      node.tests.filter((t) => t.severity === 'error' && t.status !== 'pass'),
    );
    expect(failing).toEqual([]);
    // The METRICS.md identities are data tests of the marts: make sure they ran.
    const testNames = results.flatMap((node) => node.tests.map((t) => t.name));
    expect(testNames.length).toBeGreaterThan(50);
  });

  it('records rows read = loaded + quarantined for every source', () => {
    const sources = runResults().sources as {
      name: string;
      rows_read: number;
      rows_loaded: number;
      rows_quarantined: number;
    }[];
    expect(sources.map((source) => source.name).sort()).toEqual(
      [
        'accounts',
        'events',
        'fx_rates',
        'invoices',
        'spend',
        'subscriptions',
        'survey_responses',
        'tickets',
      ].sort(),
    );
    for (const source of sources) expect(source.rows_read).toBe(source.rows_loaded + source.rows_quarantined);
  });

  it.each(MARTS)('exports %s as a non-empty Parquet file', async (mart) => {
    const [row] = await query<{ n: number }>(`select count(*)::integer as n from ${parquet('UTC', mart)}`);
    expect(row!.n).toBeGreaterThan(0);
  });

  it('holds the METRICS.md identities on the exported marts', async () => {
    const checks = await query<{ name: string; bad: number }>(`
      select 'mrr = prev_mrr + mrr_change' as name, count(*) filter (where abs(mrr - prev_mrr - mrr_change) > 1e-6)::integer as bad
        from ${parquet('UTC', 'mrr_account_months')}
      union all select 'net_new_mrr = mrr - start_mrr', count(*) filter (where abs(net_new_mrr - (mrr - start_mrr)) > 1e-6)::integer
        from ${parquet('UTC', 'mrr_monthly')}
      union all select 'active = start + new + reactivated - churned',
        count(*) filter (where active_accounts <> start_accounts + new_accounts + reactivated_accounts - churned_accounts)::integer
        from ${parquet('UTC', 'mrr_monthly')}
      union all select 'rates within bounds',
        count(*) filter (where logo_churn_rate not between 0 and 1 or grr not between 0 and 1)::integer
        from ${parquet('UTC', 'mrr_monthly')}
      union all select 'all row = sum of segments', count(*)::integer from (
        select month, any_value(mrr) filter (where segment = 'all') as total, sum(mrr) filter (where segment <> 'all') as parts
        from ${parquet('UTC', 'mrr_monthly')} group by month having abs(total - parts) > 1e-6)
      union all select 'cohort age 0 retains 1', count(*) filter (where months_since = 0 and (logo_retention <> 1 or revenue_retention <> 1))::integer
        from ${parquet('UTC', 'cohort_retention')}
      union all select 'nps within -100..100', count(*) filter (where nps not between -100 and 100)::integer
        from ${parquet('UTC', 'nps_monthly')}
      union all select 'csat within 0..100', count(*) filter (where csat not between 0 and 100)::integer
        from ${parquet('UTC', 'csat_monthly')}`);
    expect(checks).toEqual(checks.map((check) => ({ ...check, bad: 0 })));
  });

  it.each(MARTS)('gives identical %s under TZ=America/Los_Angeles and TZ=Asia/Kolkata', async (mart) => {
    for (const zone of ZONES.slice(1)) {
      const [diff] = await query<{ n: number }>(`select count(*)::integer as n from (
        (select * from ${parquet('UTC', mart)} except all select * from ${parquet(zone, mart)})
        union all
        (select * from ${parquet(zone, mart)} except all select * from ${parquet('UTC', mart)}))`);
      expect(diff!.n, `${mart} differs under ${zone}`).toBe(0);
    }
  });
});
