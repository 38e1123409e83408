// What changed since the last report, end to end: `pulse refresh` of a tiny export, then a second
// delivery that restates history (a corrected subscriptions.csv and a late invoice for February), and
// `pulse diff` must list exactly the values that moved (worked out by hand below), the account and the
// files; a kill -9 while publishing never leaves the kept previous marts out of step with the marts.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restateHistory, writeChangesWorkspace } from '../support/changes-fixture.js';
import { REPO_ROOT } from '../support/site-build.js';

const run = promisify(execFile);
const PULSE = join(REPO_ROOT, 'packages', 'core', 'bin', 'pulse.js');
const MODELS = join(REPO_ROOT, 'packages', 'models', 'src', 'index.ts');

const env = () => ({
  ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('PULSE_'))),
  NO_COLOR: '1',
  PULSE_PROJECT: MODELS,
});

async function pulse(root: string, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [PULSE, ...args], {
      cwd: root,
      env: env(),
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

async function diffJson(root: string) {
  const { code, stdout, stderr } = await pulse(root, 'diff', '--json');
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  return JSON.parse(stdout);
}

/** Numbers to 12 significant digits, so 7/6 computed two ways compares equal to the hand value. */
const round = (value: unknown): unknown =>
  typeof value === 'number' ? Number(value.toPrecision(12)) : value;
const roundValues = (values: { old: unknown; new: unknown }[]) =>
  values.map((value) => ({ ...value, old: round(value.old), new: round(value.new) }));

/**
 * By hand. Both accounts are smb, so every monthly mart's `all` and `smb` rows move alike.
 * Corrected subscriptions: A1's MRR in March is 150, not 100 (January and February unchanged).
 * - mrr_monthly March: mrr 100+200=300 → 150+200=350; arr ×12: 3600 → 4200; A1 moves from `none` to
 *   `expansion` (+50): expansion_mrr and net_new_mrr 0 → 50; arpa 300/2=150 → 350/2=175;
 *   net_mrr_churn_rate −(0+0+0)/300=0 → −(0+0+50)/300=−1/6; nrr 300/300=1 → 350/300=7/6;
 *   mrr_growth_rate (300−300)/300=0 → 50/300=1/6. grr stays least(150,100)+200=300 → 1; start_mrr,
 *   counts, churn rates and quick_ratio (0 or NULL denominators: no churn or contraction) do not move.
 * - clv_monthly March: arpa 150 → 175; clv stays NULL (fewer than 3 logo churn rates before March).
 * - cohort_retention, cohort 2026-01 (2 accounts), age 2 (March): mrr 300 → 350, revenue_retention
 *   300/300=1 → 350/300=7/6 (cohort_mrr is January's 300, unchanged).
 * Late invoice (A2, 200 paid on 2026-02-10): cumulative paid per cohort account from January through
 *   age 1 (February): (100+200+100)/2=200 → (400+200)/2=300; through age 2: (400+300)/2=350 → 450.
 * No spend, events, tickets or surveys: those marts are empty in both runs; renewals_monthly has
 * monthly plans only (no contract period), so nothing moves there.
 */
function expectedValues() {
  const mrrMonthly = (segment: string) =>
    [
      ['arpa', 150, 175],
      ['arr', 3600, 4200],
      ['expansion_mrr', 0, 50],
      ['mrr', 300, 350],
      ['mrr_growth_rate', 0, round(1 / 6)],
      ['net_mrr_churn_rate', 0, round(-1 / 6)],
      ['net_new_mrr', 0, 50],
      ['nrr', 1, round(7 / 6)],
    ].map(([column, old, now]) => ({
      mart: 'mrr_monthly',
      month: '2026-03-01',
      segment,
      other_keys: null,
      column,
      change: 'changed',
      old,
      new: now,
    }));
  const cohort = (segment: string) =>
    [
      [1, 'cumulative_revenue_per_account', 200, 300],
      [2, 'cumulative_revenue_per_account', 350, 450],
      [2, 'mrr', 300, 350],
      [2, 'revenue_retention', 1, round(7 / 6)],
    ].map(([age, column, old, now]) => ({
      mart: 'cohort_retention',
      month: '2026-01-01',
      segment,
      other_keys: { months_since: age },
      column,
      change: 'changed',
      old,
      new: now,
    }));
  const clv = (segment: string) => ({
    mart: 'clv_monthly',
    month: '2026-03-01',
    segment,
    other_keys: null,
    column: 'arpa',
    change: 'changed',
    old: 150,
    new: 175,
  });
  return [
    ...mrrMonthly('all'),
    ...mrrMonthly('smb'),
    ...cohort('all'),
    ...cohort('smb'),
    clv('all'),
    clv('smb'),
  ];
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
/** name → sha256 of the Parquet files directly in dir (none when it does not exist). */
const digest = (dir: string) =>
  existsSync(dir)
    ? Object.fromEntries(
        readdirSync(dir)
          .filter((name) => name.endsWith('.parquet'))
          .sort()
          .map((name) => [name, sha(join(dir, name))]),
      )
    : {};

describe('pulse diff: what changed since the last published run', () => {
  let root: string;
  const marts = () => join(root, 'data', 'marts');

  beforeAll(() => {
    // A folder name with glob characters: DuckDB's readers expand them, so every path Pulse reads (the
    // exports, the marts, previous/, the changes) must be escaped to be read as named.
    root = mkdtempSync(join(tmpdir(), 'pulse-changes-[1]*-'));
    writeChangesWorkspace(root);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('before any run it says nothing was recorded (exit 1)', async () => {
    const { code, stderr } = await pulse(root, 'diff');
    expect(code).toBe(1);
    expect(stderr).toContain('No changes recorded');
  });

  it('the first run has nothing to compare and says so', async () => {
    expect((await pulse(root, 'refresh')).code).toBe(0);
    const { code, stdout } = await pulse(root, 'diff');
    expect(code).toBe(0);
    expect(stdout).toContain('first run: nothing to compare');
    const json = await diffJson(root);
    expect(json).toMatchObject({
      first_run: true,
      message: 'first run: nothing to compare',
      values: [],
      accounts: [],
    });
    expect(readdirSync(join(marts(), 'previous'))).toEqual([]);
  });

  it('after a corrected subscription export and a late invoice it lists exactly the moved values, the account and the files', async () => {
    const firstRunMarts = digest(marts());
    restateHistory(root);
    expect((await pulse(root, 'refresh')).code).toBe(0);
    const json = await diffJson(root);
    expect(json.first_run).toBe(false);
    expect(json.message).toBeNull();
    expect(roundValues(json.values)).toEqual(expectedValues());
    expect(json.account_history_mart).toBe('mrr_account_months');
    expect(json.accounts).toEqual([
      { account_id: 'A1', months: [{ month: '2026-03-01', old: 100, new: 150 }] },
    ]);
    expect(json.files_known).toBe(true);
    expect(json.files).toEqual([
      // Invoices feed no MRR (MRR comes from subscriptions): the late invoice moved cohort revenue only.
      {
        path: 'invoices/late-2026-02.csv',
        source: 'invoices',
        change: 'added',
        feeds_account_history: false,
      },
      { path: 'subscriptions.csv', source: 'subscriptions', change: 'changed', feeds_account_history: true },
    ]);
    // previous/ holds the first run's monthly marts and account history, byte for byte.
    const previous = digest(join(marts(), 'previous'));
    expect(Object.keys(previous)).toEqual(
      expect.arrayContaining([
        'mrr_monthly.parquet',
        'cohort_retention.parquet',
        'mrr_account_months.parquet',
      ]),
    );
    expect(Object.keys(previous)).not.toContain('health_scores.parquet');
    for (const [name, hash] of Object.entries(previous)) expect(hash).toBe(firstRunMarts[name]);

    const text = (await pulse(root, 'diff')).stdout;
    expect(text).toContain('26 values moved:');
    expect(text).toMatch(/mrr_monthly\s+2026-03-01\s+all\s+mrr\s+300 → 350/);
    expect(text).toMatch(
      /cohort_retention\s+2026-01-01\s+smb months_since=1\s+cumulative_revenue_per_account\s+200 → 300/,
    );
    expect(text).toContain('A1: 2026-03-01 100 → 150');
    expect(text).toContain('added    invoices/late-2026-02.csv (invoices)');
  });

  it('an up-to-date refresh publishes nothing, so the last publish’s changes stay', async () => {
    const before = await diffJson(root);
    const refreshed = await pulse(root, 'refresh');
    expect(refreshed.code).toBe(0);
    expect(refreshed.stdout).toContain('Up to date: no file changed');
    expect(await diffJson(root)).toEqual(before);
  });

  it('a forced rebuild of the same data moves nothing and brings in no file', async () => {
    expect((await pulse(root, 'refresh', '--force')).code).toBe(0);
    const json = await diffJson(root);
    expect({ values: json.values, accounts: json.accounts, files: json.files }).toEqual({
      values: [],
      accounts: [],
      files: [],
    });
  });

  it('--help documents the command and --json', async () => {
    const { code, stdout } = await pulse(root, 'diff', '--help');
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: pulse diff');
    expect(stdout).toContain('--json');
  });
});

/** A refresh stopped at a pause point (packages/core/src/state/test-pause.ts), to be killed there. */
function pausedRefresh(root: string, step: string): { child: ChildProcess; paused: Promise<void> } {
  const child = spawn(process.execPath, [PULSE, 'refresh'], {
    cwd: root,
    env: { ...env(), PULSE_TEST_PAUSE_AT: step },
  });
  let stderr = '';
  const paused = new Promise<void>((resolve, reject) => {
    child.stderr!.on('data', (chunk) => {
      stderr += chunk;
      if (stderr.includes(`pulse: paused at ${step}`)) resolve();
    });
    child.on('close', (code) =>
      reject(new Error(`refresh exited (${code}) before pausing at ${step}:\n${stderr}`)),
    );
  });
  return { child, paused };
}

describe('kill -9 while publishing never leaves previous/ and the marts of different runs', () => {
  let root: string;
  const marts = () => join(root, 'data', 'marts');

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'pulse-changes-crash-'));
    writeChangesWorkspace(root);
    expect((await pulse(root, 'refresh')).code).toBe(0);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  /**
   * The invariant: the published marts folder is either untouched (the old run: its marts and its
   * previous/ as they were) or wholly the new run's, whose previous/ is byte for byte the old run's marts.
   */
  async function expectOldOrNew(step: string, edit: () => void) {
    const oldMarts = digest(marts());
    const oldPrevious = digest(join(marts(), 'previous'));
    edit();
    const { child, paused } = pausedRefresh(root, step);
    await paused;
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('close', resolve));
    const nowMarts = digest(marts());
    const nowPrevious = digest(join(marts(), 'previous'));
    const untouched = JSON.stringify([nowMarts, nowPrevious]) === JSON.stringify([oldMarts, oldPrevious]);
    if (!untouched) for (const [name, hash] of Object.entries(nowPrevious)) expect(hash).toBe(oldMarts[name]);
    // `pulse diff` reads whatever is published, consistently, without the lock.
    expect((await pulse(root, 'diff', '--json')).code).toBe(0);
    // The next refresh settles the interrupted publish (or redoes it) and publishes the new run.
    expect((await pulse(root, 'refresh')).code).toBe(0);
    const settledPrevious = digest(join(marts(), 'previous'));
    expect(Object.keys(settledPrevious).length).toBeGreaterThan(0);
    return { untouched, settledPrevious, oldMarts };
  }

  it('killed before the journal: the old pair stays, and the next run compares with it', async () => {
    const { untouched, settledPrevious, oldMarts } = await expectOldOrNew('staged', () =>
      restateHistory(root),
    );
    expect(untouched).toBe(true);
    for (const [name, hash] of Object.entries(settledPrevious)) expect(hash).toBe(oldMarts[name]);
    const json = await diffJson(root);
    expect(json.accounts).toEqual([
      { account_id: 'A1', months: [{ month: '2026-03-01', old: 100, new: 150 }] },
    ]);
  });

  it('killed after the marts folder was swapped: the new marts and their previous/ arrive together', async () => {
    const { untouched } = await expectOldOrNew('publishing', () =>
      writeFileSync(
        join(root, 'data', 'raw', 'invoices', 'late-2026-03.csv'),
        'invoice_id,account_id,issued_at,amount,currency,status\nI7,A2,2026-03-20T09:00:00Z,50.00,USD,paid\n',
      ),
    );
    expect(untouched).toBe(false);
  });
});
