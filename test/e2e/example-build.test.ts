// The runnable example end to end (examples/stripe-saas, `npm run example`): real vendor exports read
// through the presets by the real CLI into a warehouse whose marts pass every data test, whose
// quarantine holds exactly the bad rows planted in the exports (at the vendor's file and line), and whose
// marts equal those of the same company written in Pulse's canonical layout (the generator's twin).
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleFiles } from '../../examples/stripe-saas/generator/index.js';
import { CHANNEL_VALUES, SEGMENT_VALUES } from '../../examples/stripe-saas/generator/mapped-values.js';
import {
  buildExampleProject,
  buildExampleTwin,
  EXAMPLE_DIR,
  type ExampleBuild,
} from '../support/example-build.js';

const SOURCES = [
  'accounts',
  'fx_rates',
  'subscriptions',
  'invoices',
  'events',
  'tickets',
  'survey_responses',
  'spend',
];

const work = mkdtempSync(join(tmpdir(), 'pulse-example-'));
let built: ExampleBuild | undefined;
let exampleError: unknown;
let twin: ExampleBuild;

/** The example's build, or its error thrown in the test that needs it. */
function exampleBuild(): ExampleBuild {
  if (!built) throw exampleError;
  return built;
}

async function query<R = Record<string, unknown>>(sql: string, database = ':memory:'): Promise<R[]> {
  const instance = await DuckDBInstance.create(
    database,
    database === ':memory:' ? {} : { access_mode: 'READ_ONLY' },
  );
  const connection = await instance.connect();
  try {
    return (await connection.runAndReadAll(sql)).getRowObjectsJson() as R[];
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

const runResults = (build: ExampleBuild) =>
  JSON.parse(readFileSync(join(build.targetDir, 'run_results.json'), 'utf8')) as {
    results: { name: string; status: string; tests: { name: string; severity: string; status: string }[] }[];
    sources: { name: string; rows_read: number; rows_loaded: number; rows_quarantined: number }[];
  };

function expectCleanRun(build: ExampleBuild) {
  const { results } = runResults(build);
  expect(
    results.filter((node) => node.status !== 'success').map((node) => node.name),
    build.output,
  ).toEqual([]);
  const failing = results.flatMap((node) =>
    node.tests.filter((t) => t.status !== 'pass').map((t) => `${node.name}: ${t.name}`),
  );
  expect(failing).toEqual([]);
  expect(results.flatMap((node) => node.tests).length).toBeGreaterThan(50);
}

beforeAll(async () => {
  // Each build on its own: a failing example build (a config error, say) still lets the twin's and the
  // folder's tests run, and each test of the example reports the build's error.
  const [exampleRun, twinRun] = await Promise.allSettled([
    buildExampleProject(join(work, 'example')),
    buildExampleTwin(join(work, 'twin')),
  ]);
  if (twinRun.status === 'rejected') throw twinRun.reason;
  twin = twinRun.value;
  if (exampleRun.status === 'fulfilled') built = exampleRun.value;
  else exampleError = exampleRun.reason;
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the example folder', () => {
  it('holds exactly what generate.ts writes, and stays small enough to commit', async () => {
    const { data } = exampleFiles();
    const entries = await readdir(join(EXAMPLE_DIR, 'data'), { recursive: true, withFileTypes: true });
    const onDisk = entries
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name).slice(join(EXAMPLE_DIR, 'data').length + 1));
    expect(onDisk.sort()).toEqual(Object.keys(data).sort());
    const stale = Object.entries(data).filter(
      ([path, text]) => readFileSync(join(EXAMPLE_DIR, 'data', path), 'utf8') !== text,
    );
    expect(
      stale.map(([path]) => path),
      'run `npx tsx examples/stripe-saas/generate.ts`',
    ).toEqual([]);
    const bytes = onDisk.reduce((sum, path) => sum + statSync(join(EXAMPLE_DIR, 'data', path)).size, 0);
    expect(bytes).toBeLessThan(800 * 1024);
  });

  it("renames HubSpot's values in pulse.config.json as the twin does", () => {
    const config = JSON.parse(readFileSync(join(EXAMPLE_DIR, 'pulse.config.json'), 'utf8'));
    expect(config.presets.hubspot.values).toEqual({
      segment: SEGMENT_VALUES,
      acquisition_channel: CHANNEL_VALUES,
    });
  });
});

describe('the canonical twin (the same company in CONTRACT.md layout)', () => {
  it('builds every model, passes every data test and quarantines nothing', () => {
    expectCleanRun(twin);
    for (const source of runResults(twin).sources) expect(source.rows_quarantined, source.name).toBe(0);
  });
});

describe('pulse build on the example, through its presets', () => {
  it('builds every model and passes every data test', () => expectCleanRun(exampleBuild()));

  it('reads every source, and rows read = loaded + quarantined', () => {
    const { sources } = runResults(exampleBuild());
    expect(sources.map((s) => s.name).sort()).toEqual([...SOURCES].sort());
    for (const s of sources) expect(s.rows_read, s.name).toBe(s.rows_loaded + s.rows_quarantined);
  });

  it('quarantines exactly the planted rows, at the vendor file and line', async () => {
    const rows = await query<{
      source: string;
      file: string;
      line: number;
      column: string;
      reason_code: string;
    }>(
      `${SOURCES.map(
        (s) =>
          `select '${s}' as source, file, line::integer as line, "column", reason_code from quarantine.${s}`,
      ).join(' union all ')} order by source, file, line`,
      exampleBuild().warehouse,
    );
    expect(rows).toEqual([
      // A company HubSpot knows whose "Stripe Customer ID" was never filled in.
      {
        source: 'accounts',
        file: 'hubspot/companies.csv',
        line: 34,
        column: 'account_id',
        reason_code: 'missing_required',
      },
      // An anonymous visitor of the pricing page: no context_group_id (and no user).
      {
        source: 'events',
        file: 'segment/tracks.csv',
        line: 808,
        column: 'account_id',
        reason_code: 'missing_required',
      },
      // The QA sandbox customer exists in Stripe only.
      {
        source: 'invoices',
        file: 'stripe/invoice.csv',
        line: 133,
        column: 'account_id',
        reason_code: 'orphan_account',
      },
      // A one-week paid pilot: a week is not a billing interval of the contract.
      {
        source: 'subscriptions',
        file: 'stripe/invoice_line_item/2025-11.csv',
        line: 5,
        column: 'billing_interval',
        reason_code: 'unknown_value',
      },
      {
        source: 'subscriptions',
        file: 'stripe/invoice_line_item/2026-02.csv',
        line: 8,
        column: 'account_id',
        reason_code: 'orphan_account',
      },
      // An email from someone who is not a customer: no Stripe Customer ID on the ticket.
      {
        source: 'tickets',
        file: 'zendesk/tickets.csv',
        line: 68,
        column: 'account_id',
        reason_code: 'missing_required',
      },
    ]);
  });

  it('gives every mart of the canonical twin, row for row', async () => {
    const marts = (await readdir(twin.martsDir)).filter((f) => f.endsWith('.parquet')).sort();
    expect((await readdir(exampleBuild().martsDir)).filter((f) => f.endsWith('.parquet')).sort()).toEqual(
      marts,
    );
    expect(marts.length).toBe(20);
    for (const mart of marts) {
      const [a, b] = [join(exampleBuild().martsDir, mart), join(twin.martsDir, mart)].map((f) => `'${f}'`);
      const [diff] = await query<{ only_example: number; only_twin: number; rows: number }>(
        `select (select count(*) from (from ${a} except all from ${b}))::integer as only_example,
                (select count(*) from (from ${b} except all from ${a}))::integer as only_twin,
                (select count(*) from ${b})::integer as rows`,
      );
      expect(diff, mart).toEqual({ only_example: 0, only_twin: 0, rows: diff!.rows });
      expect(diff!.rows, mart).toBeGreaterThan(0);
    }
  });
});

describe('hand-checked values (examples/stripe-saas/README.md tells these stories)', () => {
  // Checked on both builds: the twin pins the generator, the example pins the presets.
  // The twin first: while the example does not build, its values are still checked on the twin.
  function* builds(): Generator<readonly [string, ExampleBuild]> {
    yield ['twin', twin];
    yield ['example', exampleBuild()];
  }

  async function accountMrr(build: ExampleBuild, name: string, month: string) {
    const [row] = await query<{ mrr: number; movement: string }>(
      `select m.mrr, m.movement from '${join(build.martsDir, 'mrr_account_months.parquet')}' m
       join read_csv('${join(EXAMPLE_DIR, 'data', 'hubspot', 'companies.csv')}', all_varchar = true) c
         on c."Stripe Customer ID" = m.account_id
       where c."Company name" = '${name.replaceAll("'", "''")}' and m.month = DATE '${month}-01'`,
    );
    return row;
  }

  it('MRR of November 2026, the partial last month: 6,940.59 USD from 32 active accounts', async () => {
    for (const [label, build] of builds()) {
      const [row] = await query<{ mrr: number; active_accounts: number; is_partial_month: boolean }>(
        `select mrr, active_accounts, is_partial_month from '${join(build.martsDir, 'mrr_monthly.parquet')}'
         where segment = 'all' and month = DATE '2026-11-01'`,
      );
      expect(row!.mrr, label).toBeCloseTo(6940.594845, 6);
      expect(row!.active_accounts, label).toBe(32);
      expect(row!.is_partial_month, label).toBe(true);
    }
  });

  it('one account per behaviour of the Stripe preset', async () => {
    for (const [label, build] of builds()) {
      const at = (name: string, month: string) => accountMrr(build, name, month);
      // USD 4,800 a year is 400 a month, renewal included.
      expect(await at('Northfield Logistics Inc.', '2026-11'), label).toEqual({ mrr: 400, movement: 'none' });
      // JPY 720,000 a year (no minor unit) at the rate of its first day (2025-07-22: 0.00655535), renewal included.
      expect((await at('Tanaka Precision Co., Ltd.', '2026-11'))!.mrr, label).toBeCloseTo(
        60_000 * 0.00655535,
        9,
      );
      // EUR 185 Growth from 2025-06-19 (1.102970) plus five EUR 14 reporting seats added 2025-09-18 (1.101190).
      expect((await at('Kessler Maschinenbau GmbH', '2026-11'))!.mrr, label).toBeCloseTo(
        185 * 1.10297 + 70 * 1.10119,
        9,
      );
      // Upgrade mid-cycle (proration): Starter 49 → Growth 199 in October 2025.
      expect(await at('Brightwave Dental Group', '2025-10'), label).toEqual({
        mrr: 199,
        movement: 'expansion',
      });
      // 20 % off the first three invoices, then full price.
      expect((await at('Copperleaf Coffee Roasters', '2025-09'))!.mrr, label).toBeCloseTo(39.2, 9);
      expect((await at('Copperleaf Coffee Roasters', '2025-10'))!.mrr, label).toBe(49);
      // Unpaid from March 2026, canceled three weeks later: churned in April.
      expect(await at('Redline Fitness Clubs', '2026-04'), label).toEqual({ mrr: 0, movement: 'churn' });
      // Canceled in January, back on Growth in June 2026.
      expect(await at('Bluestem Architecture', '2026-06'), label).toEqual({
        mrr: 199,
        movement: 'reactivation',
      });
    }
  });

  it('annual and quarterly contracts: one renewal lost in July 2026 (Meridian) and one in September (Summit Ridge)', async () => {
    for (const [label, build] of builds()) {
      const rows = await query<{ month: string; renewed: number; lost: number }>(
        `select strftime(month, '%Y-%m') as month, renewed, lost from '${join(build.martsDir, 'renewals_monthly.parquet')}'
         where segment = 'all' and lost > 0 order by month`,
      );
      expect(rows, label).toEqual([
        { month: '2026-07', renewed: 2, lost: 1 },
        { month: '2026-09', renewed: 2, lost: 1 },
      ]);
    }
  });
});
