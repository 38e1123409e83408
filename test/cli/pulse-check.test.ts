// `pulse check` end to end: the real CLI and project on a small built export whose latest complete month
// has a known logo churn, judged against targets that hold and targets that do not.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/site-build.js';

const run = promisify(execFile);
const work = mkdtempSync(join(tmpdir(), 'pulse-check-'));
const data = join(work, 'raw');
const warehouse = join(work, 'warehouse.duckdb');

/** Runs `pulse <args>` in the work folder; resolves with the exit code and the output (never throws). */
async function pulse(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, PULSE_PROJECT: join(REPO_ROOT, 'packages', 'models', 'src', 'index.ts') };
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      [join(REPO_ROOT, 'packages', 'core', 'bin', 'pulse.js'), ...args],
      { cwd: work, env },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout = '', stderr = '' } = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof code === 'number' ? code : -1, stdout, stderr };
  }
}

function config(name: string, content: object): string {
  const file = join(work, name);
  writeFileSync(file, JSON.stringify({ as_of: '2024-04-15', ...content }));
  return file;
}

// Four accounts pay 100 a month from January; D stops on March 1st. As of April 15th the latest complete
// month is March: start accounts 4 (active in February), churned 1, logo churn 1 / 4 = 0.25. April (running)
// has no churn and must not be judged.
beforeAll(async () => {
  mkdirSync(data, { recursive: true });
  writeFileSync(join(work, 'package.json'), '{ "name": "pulse-check", "private": true, "workspaces": [] }\n');
  writeFileSync(
    join(data, 'accounts.csv'),
    'account_id,name,created_at,segment\n' +
      ['A', 'B', 'C', 'D']
        .map((id) => `${id},${id} Inc,2023-12-01T00:00:00Z,${id === 'D' ? 'smb' : 'enterprise'}`)
        .join('\n') +
      '\n',
  );
  writeFileSync(
    join(data, 'subscriptions.csv'),
    'subscription_id,account_id,plan,billing_interval,amount,currency,start_date,end_date,is_trial\n' +
      ['A', 'B', 'C'].map((id) => `s${id},${id},pro,month,100,USD,2024-01-01,,false`).join('\n') +
      '\nsD,D,pro,month,100,USD,2024-01-01,2024-03-01,false\n',
  );
  const built = await pulse(
    'build',
    '--data',
    data,
    '--warehouse',
    warehouse,
    '--config',
    config('default.json', {}),
  );
  // A breach does not fail the build (the data is right; the business is off target): it says so.
  expect(built.code, built.stdout + built.stderr).toBe(0);
  expect(built.stdout).toContain(
    'Targets:   1 of 1 failing (`pulse check` lists them; the build still succeeds)',
  );
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('pulse check', () => {
  it('exits 1 and prints the breach of the default target (logo churn below 5 %)', async () => {
    const result = await pulse('check', '--warehouse', warehouse, '--config', join(work, 'default.json'));
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      'Targets (as of 2024-04-15):\n' +
        '  mrr_monthly.logo_churn_rate [all] in 2024-03 is 0.25, target < 0.05: BREACHED\n' +
        '\n' +
        'Status: 1 of 1 target failing:\n' +
        '  mrr_monthly.logo_churn_rate [all] in 2024-03 is 0.25, target < 0.05: BREACHED\n',
    );
  });

  it('writes the same judgement into run_results.json at build time', () => {
    const results = JSON.parse(readFileSync(join(work, 'target', 'run_results.json'), 'utf8'));
    expect(results.targets).toEqual([
      {
        metric: 'mrr_monthly.logo_churn_rate',
        segment: 'all',
        operator: '<',
        threshold: 0.05,
        month: '2024-03-01',
        value: 0.25,
        status: 'breached',
        message: 'mrr_monthly.logo_churn_rate [all] in 2024-03 is 0.25, target < 0.05: BREACHED',
      },
    ]);
  });

  it('exits 0 when every target holds; a segment without a value is shown, not counted', async () => {
    const file = config('met.json', {
      targets: [
        { metric: 'mrr_monthly.logo_churn_rate', operator: '<', threshold: 0.3 },
        { metric: 'mrr_monthly.logo_churn_rate', segment: 'enterprise', operator: '<', threshold: 0.05 },
        { metric: 'mrr_monthly.active_accounts', operator: '>', threshold: 2 },
        { metric: 'nps_monthly.nps', operator: '>', threshold: 0 },
      ],
    });
    const result = await pulse('check', '--warehouse', warehouse, '--config', file);
    expect(result.stdout).toBe(
      'Targets (as of 2024-04-15):\n' +
        '  mrr_monthly.logo_churn_rate [all] in 2024-03 is 0.25, target < 0.3: met\n' +
        '  mrr_monthly.logo_churn_rate [enterprise] in 2024-03 is 0, target < 0.05: met\n' +
        '  mrr_monthly.active_accounts [all] in 2024-03 is 3, target > 2: met\n' +
        '  nps_monthly.nps [all] in 2024-03 has no value (no row for segment "all"), target > 0: not judged\n' +
        '\n' +
        'Status: OK (4 targets, none breached; 1 not judged)\n',
    );
    expect(result.code).toBe(0);
  });

  it('exits 0 with no targets, 2 on a bad target naming its key path, 1 without a warehouse', async () => {
    const none = await pulse(
      'check',
      '--warehouse',
      warehouse,
      '--config',
      config('none.json', { targets: [] }),
    );
    expect([none.code, none.stdout]).toEqual([
      0,
      'No targets configured (config key targets is an empty list).\n',
    ]);

    const bad = config('bad.json', {
      targets: [{ metric: 'mrr_monthly.churn', operator: '<', threshold: 0.05 }],
    });
    const invalid = await pulse('check', '--warehouse', warehouse, '--config', bad);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain('targets[0].metric: "mrr_monthly" has no numeric column "churn"');

    const missing = await pulse(
      'check',
      '--warehouse',
      join(work, 'nowhere.duckdb'),
      '--config',
      join(work, 'default.json'),
    );
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('No warehouse at');
    expect(missing.stderr).toContain('run `pulse build`');
  });

  // The build said "2 judged, none breached" and check "no row for segment", as if the month were late.
  it('a segment in no row of the data: the build counts it not judged, check names the closest segment', async () => {
    const file = config('misspelt.json', {
      targets: [
        { metric: 'mrr_monthly.logo_churn_rate', operator: '<', threshold: 0.3 },
        { metric: 'mrr_monthly.logo_churn_rate', segment: 'enterprize', operator: '<', threshold: 0.05 },
      ],
    });
    const own = join(work, 'misspelt.duckdb');
    const built = await pulse('build', '--data', data, '--warehouse', own, '--config', file);
    expect(built.code, built.stderr).toBe(0);
    expect(built.stdout).toContain(
      'Targets:   1 judged, none breached; 1 not judged (`pulse check` says why)',
    );
    const checked = await pulse('check', '--warehouse', own, '--config', file);
    expect(checked.stdout).toContain(
      '  mrr_monthly.logo_churn_rate [enterprize] in 2024-03 has no value (no segment "enterprize" in the data; did you mean "enterprise"?), target < 0.05: not judged\n',
    );
    expect(checked.stdout).toContain('Status: OK (2 targets, none breached; 1 not judged)\n');
    expect(checked.code).toBe(0);
  });

  it('documents itself in --help and in the command list', async () => {
    const help = await pulse('check', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: pulse check [options]');
    expect(help.stdout).toMatch(/latest\s+complete month/);
    expect((await pulse('--help')).stdout).toMatch(/\n {2}check +judge the config targets/);
  });
});
