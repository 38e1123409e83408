import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Warehouse } from '../../src/index.js';
import { pulseInProcess } from '../support/capture-io.js';
import { TINY_PROJECT_MODULE, tinyWorkspace } from '../support/tiny-project.js';

describe('pulse ls, test and generate', () => {
  let workspace: Awaited<ReturnType<typeof tinyWorkspace>>;
  beforeEach(async () => {
    workspace = await tinyWorkspace();
  });
  afterEach(() => workspace.cleanup());

  const pulse = (command: string, ...rest: string[]) =>
    pulseInProcess(workspace.root, [command, '--project', TINY_PROJECT_MODULE, ...rest]);

  it('ls lists the models in build order with layer, materialisation and dependencies', async () => {
    expect(await pulse('ls')).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        '#  model              layer    materialized  depends on',
        '1  stg_accounts       staging  table         -',
        '2  mrr_by_segment     marts    table         stg_accounts',
        '3  big_accounts       marts    table         stg_accounts',
        '4  big_account_count  marts    view          big_accounts',
        '',
      ].join('\n'),
    });
  });

  it('test runs the tests against the published warehouse: exit 0, then 1 once the data breaks a test', async () => {
    expect((await pulse('build')).code).toBe(0);
    const passing = await pulse('test');
    expect(passing.code).toBe(0);
    expect(passing.stdout).toMatch(/\[1\/4\] tested staging\.stg_accounts \(5 tests\) in \d+\.\d\ds/);
    expect(passing.stdout).toMatch(/Done in \d+\.\d\ds: 4 passed\./);

    const warehouse = await Warehouse.open(join(workspace.root, 'data', 'warehouse.duckdb'));
    await warehouse.exec(`insert into marts.mrr_by_segment values ('smb', 1, 1)`);
    await warehouse.close();
    const failing = await pulse('test', '--select', 'mrr_by_segment');
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain('[1/1] ERROR testing marts.mrr_by_segment');
    expect(failing.stdout).toContain(
      '    FAIL unique_mrr_by_segment_segment: 1 failing row\n      {"segment":"smb","n_records":2}',
    );
    const target = (name: string) => readFile(join(workspace.root, 'target', name), 'utf8').then(JSON.parse);
    const tested = await target('test_results.json');
    expect(tested.args).toMatchObject({ command: 'test', select: 'mrr_by_segment' });
    expect(tested.results.map((result: { name: string }) => result.name)).toEqual(['mrr_by_segment']);
    // The build's record stays: the site, check, digest and refresh read it (its sources, its data folder).
    const built = await target('run_results.json');
    expect(built.args).toMatchObject({ command: 'build' });
    expect(built.results).toHaveLength(4);
    expect(built.sources.map((source: { name: string }) => source.name)).toContain('accounts');
  });

  it('a warn-severity failure passes pulse build and pulse test, and fails pulse test --strict', async () => {
    await appendFile(join(workspace.root, 'data', 'raw', 'accounts.csv'), 'a5,startup,10,2024-03-01\n');
    const build = await pulse('build');
    expect(build.code).toBe(0);
    expect(build.stdout).toContain('    warn accepted_values_stg_accounts_segment: 1 failing row');
    expect(build.stdout).toMatch(/Done in \d+\.\d\ds: 4 built, 1 warning\./);
    expect((await pulse('test')).code).toBe(0);
    expect((await pulse('test', '--strict')).code).toBe(1);
  });

  it('generate writes the project’s sample data, which then builds', async () => {
    const generated = await pulse(
      'generate',
      '--out',
      'gen',
      '--accounts',
      '3',
      '--months',
      '2',
      '--seed',
      '7',
    );
    expect(generated.code).toBe(0);
    expect(generated.stdout).toMatch(
      new RegExp(`^Wrote 3 accounts × 2 months \\(seed 7\\) to ${join(workspace.root, 'gen')} in`),
    );
    expect(await readFile(join(workspace.root, 'gen', 'accounts.csv'), 'utf8')).toBe(
      'account_id,segment,mrr,created_at\nacc7_0,smb,10,2024-01-01\nacc7_1,smb,20,2024-01-01\nacc7_2,smb,30,2024-01-01\n',
    );
    const build = await pulse('build', '--data', 'gen');
    expect(build.code).toBe(0);
    expect(build.stdout).toContain('[1/4] built staging.stg_accounts (table, 3 rows)');
  });
});
