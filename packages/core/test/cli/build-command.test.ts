import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { appendFile, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Warehouse } from '../../src/index.js';
import { pulseInProcess } from '../support/capture-io.js';
import { TINY_PROJECT_MODULE, tinyWorkspace } from '../support/tiny-project.js';

describe('pulse build', () => {
  let workspace: Awaited<ReturnType<typeof tinyWorkspace>>;
  beforeEach(async () => {
    workspace = await tinyWorkspace();
  });
  afterEach(() => workspace.cleanup());

  const csv = () => join(workspace.root, 'data', 'raw', 'accounts.csv');
  const warehousePath = () => join(workspace.root, 'data', 'warehouse.duckdb');
  const build = (...argv: string[]) =>
    pulseInProcess(workspace.root, ['build', '--project', TINY_PROJECT_MODULE, ...argv]);
  const digest = async (path: string) =>
    createHash('sha256')
      .update(await readFile(path))
      .digest('hex');
  const leftovers = async () =>
    (await readdir(join(workspace.root, 'data'))).filter((f) => f.includes('building'));
  const accountIds = async () => {
    const warehouse = await Warehouse.open(warehousePath(), { readOnly: true });
    try {
      const rows = await warehouse.query<{ account_id: string }>(
        'select account_id from staging.stg_accounts order by 1',
      );
      return rows.map((row) => row.account_id);
    } finally {
      await warehouse.close();
    }
  };

  it('builds, publishes and says where the warehouse and marts are (exit 0)', async () => {
    const { code, stdout, stderr } = await build();
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const lines = stdout.replace(/\d+\.\d\ds/g, 'N.NNs').split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        '[1/4] built staging.stg_accounts (table, 4 rows) in N.NNs',
        '[2/4] built marts.mrr_by_segment (table, 3 rows) in N.NNs',
        '[3/4] built marts.big_accounts (table, 1 row) in N.NNs',
        '[4/4] built marts.big_account_count (view) in N.NNs',
        'Done in N.NNs: 4 built.',
        `Warehouse: ${warehousePath()}`,
        `Marts:     ${join(workspace.root, 'data', 'marts')} (3 Parquet files)`,
        'Artifacts: target/run_results.json, target/manifest.json',
      ]),
    );
    expect(stdout).not.toContain('\x1b[');
    expect(await readdir(join(workspace.root, 'data', 'marts'))).toEqual([
      'big_account_count.parquet',
      'big_accounts.parquet',
      'mrr_by_segment.parquet',
    ]);
    expect(existsSync(join(workspace.root, 'target', 'run_results.json'))).toBe(true);
    expect(await leftovers()).toEqual([]);
    expect(await accountIds()).toEqual(['a1', 'a2', 'a3', 'a4']);
  });

  it('a failing model exits 1 but still publishes what can be trusted, with the failing rows shown', async () => {
    await appendFile(csv(), 'a5,smb,500000,2024-03-01\n');
    const { code, stdout } = await build();
    expect(code).toBe(1);
    expect(stdout).toContain('[3/4] ERROR building marts.big_accounts in ');
    expect(stdout).toContain('[4/4] skipped marts.big_account_count: upstream model "big_accounts" failed');
    expect(stdout).toMatch(/Failed in \d+\.\d\ds: 2 built, 1 failed, 1 skipped\./);
    expect(stdout).toContain(
      '    FAIL plausible_mrr: 1 failing row\n      {"account_id":"a5","mrr":500000,"threshold":1000}',
    );
    expect(await accountIds()).toEqual(['a1', 'a2', 'a3', 'a4', 'a5']);
    expect(await readdir(join(workspace.root, 'data', 'marts'))).toEqual(['mrr_by_segment.parquet']);
  });

  it('an ingestion file error exits 1 and leaves the published warehouse byte-for-byte untouched', async () => {
    expect((await build()).code).toBe(0);
    const before = await digest(warehousePath());
    const runResultsBefore = await readFile(join(workspace.root, 'target', 'run_results.json'), 'utf8');
    await appendFile(csv(), 'a5,smb,not-a-number,2024-03-01\n');
    const { code, stderr } = await build();
    expect(code).toBe(1);
    expect(stderr).toMatch(/^pulse build: .*accounts\.csv is not a valid accounts export: /);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(await digest(warehousePath())).toBe(before);
    expect(existsSync(`${warehousePath()}.wal`)).toBe(false);
    expect(await leftovers()).toEqual([]);
    expect(await readFile(join(workspace.root, 'target', 'run_results.json'), 'utf8')).toBe(runResultsBefore);
  });

  it('--strict fails on a quarantined row and publishes nothing; without it the row is only counted', async () => {
    expect((await build()).code).toBe(0);
    const before = await digest(warehousePath());
    await appendFile(csv(), 'a6,smb,-5,2024-03-02\n');
    const strict = await build('--strict');
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('accounts: 4 loaded, 1 quarantined');
    expect(strict.stderr).toBe(
      'pulse build: --strict: ingestion quarantined 1 row (see the quarantine.<source> tables of a build without --strict); nothing was published.\n',
    );
    expect(await digest(warehousePath())).toBe(before);
    const lenient = await build();
    expect(lenient.code).toBe(0);
    const runResults = JSON.parse(await readFile(join(workspace.root, 'target', 'run_results.json'), 'utf8'));
    expect(runResults.sources[0]).toMatchObject({ rows_read: 5, rows_loaded: 4, rows_quarantined: 1 });
  });

  it('--select rebuilds only the selection, keeping the other models of the published warehouse', async () => {
    expect((await build()).code).toBe(0);
    await appendFile(csv(), 'a5,smb,1500,2024-03-01\n');
    const { code, stdout } = await build('--select', 'stg_accounts,big_accounts+');
    expect(code).toBe(0);
    expect(stdout).toContain('[1/3] built staging.stg_accounts (table, 5 rows)');
    expect(stdout).not.toContain('mrr_by_segment');
    const warehouse = await Warehouse.open(warehousePath(), { readOnly: true });
    try {
      expect(await warehouse.query('select n from marts.big_account_count')).toEqual([{ n: 2 }]);
      // Not selected: still the previous build's rows.
      expect(
        await warehouse.query(`select accounts from marts.mrr_by_segment where segment = 'smb'`),
      ).toEqual([{ accounts: 2 }]);
    } finally {
      await warehouse.close();
    }
  });

  it('an unknown model in --select is a usage error (exit 2) before anything runs', async () => {
    const { code, stderr } = await build('--select', 'big_acounts');
    expect(code).toBe(2);
    expect(stderr).toContain('Selector "big_acounts" names no model of this project');
    expect(existsSync(warehousePath())).toBe(false);
  });

  it('an invalid config is reported by file, key path and problem (exit 2)', async () => {
    const configFile = join(workspace.root, 'data', 'pulse.config.json');
    await writeFile(configFile, JSON.stringify({ as_of: '31/03/2024', big_account_mrr: -1, colour: 'red' }));
    const { code, stdout, stderr } = await build();
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toBe(
      `pulse build: Invalid config ${configFile}:\n` +
        `  ${configFile}: as_of: must be a date written YYYY-MM-DD\n` +
        `  ${configFile}: big_account_mrr: Too small: expected number to be >0\n` +
        `  ${configFile}: (top level): unknown key "colour"\n` +
        'Run `pulse build --help` for usage.\n',
    );
  });

  it('reads the config beside the data folder, and --config over it; a missing --config file is exit 2', async () => {
    await writeFile(
      join(workspace.root, 'data', 'pulse.config.json'),
      JSON.stringify({ big_account_mrr: 200 }),
    );
    await writeFile(join(workspace.root, 'other.json'), JSON.stringify({ big_account_mrr: 5000 }));
    expect((await build()).stdout).toContain('[3/4] built marts.big_accounts (table, 3 rows)');
    expect((await build('--config', 'other.json')).stdout).toContain(
      '[3/4] built marts.big_accounts (table, 0 rows)',
    );
    const missing = await build('--config', 'nope.json');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(
      `Cannot read config ${join(workspace.root, 'nope.json')}: file not found.`,
    );
  });
});
