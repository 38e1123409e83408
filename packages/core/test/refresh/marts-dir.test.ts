import { existsSync } from 'node:fs';
import { appendFile, cp } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolvePaths } from '../../src/index.js';
import { TINY_PROJECT_MODULE, tinyWorkspace } from '../support/tiny-project.js';
import { folderDigest, runPulse } from './spawn-pulse.js';

/** The marts folder goes with its warehouse: building another warehouse never touches the sample's marts. */
describe('the marts folder belongs to its warehouse', () => {
  let workspace: Awaited<ReturnType<typeof tinyWorkspace>>;
  const project = ['--project', TINY_PROJECT_MODULE];
  const sampleMarts = () => join(workspace.root, 'data', 'marts');

  beforeEach(async () => {
    workspace = await tinyWorkspace();
    expect((await runPulse(['refresh', ...project], workspace.root)).code).toBe(0);
  });
  afterEach(() => workspace.cleanup());

  it('defaults beside the warehouse: data/marts for data/warehouse.duckdb, <name>-marts for another file', () => {
    const cwd = workspace.root;
    expect(resolvePaths({ cwd, env: {} }).exportDir).toBe(join(cwd, 'data', 'marts'));
    expect(resolvePaths({ cwd, env: {}, warehouse: 'elsewhere/my.duckdb' }).exportDir).toBe(
      join(cwd, 'elsewhere', 'my-marts'),
    );
    expect(resolvePaths({ cwd, env: { PULSE_WAREHOUSE: '/srv/pulse/warehouse.duckdb' } }).exportDir).toBe(
      '/srv/pulse/marts',
    );
    expect(resolvePaths({ cwd, env: { PULSE_MARTS_DIR: 'env-marts' } }).exportDir).toBe(
      join(cwd, 'env-marts'),
    );
    expect(resolvePaths({ cwd, env: { PULSE_MARTS_DIR: 'env-marts' }, marts: 'flag-marts' }).exportDir).toBe(
      join(cwd, 'flag-marts'),
    );
  });

  it('pulse build --data … --warehouse elsewhere/my.duckdb leaves the sample marts alone; refresh still trusts them', async () => {
    const before = await folderDigest(sampleMarts());
    const other = join(workspace.root, 'my-exports');
    await cp(join(workspace.root, 'data', 'raw'), other, { recursive: true });
    await appendFile(join(other, 'accounts.csv'), 'a7,smb,5000,2024-03-02\n');
    const built = await runPulse(
      ['build', ...project, '--data', other, '--warehouse', 'elsewhere/my.duckdb'],
      workspace.root,
    );
    expect(built.code).toBe(0);
    expect(built.stdout).toContain(join(workspace.root, 'elsewhere', 'my-marts'));
    expect(await folderDigest(sampleMarts())).toEqual(before);
    expect(existsSync(join(workspace.root, 'elsewhere', 'my-marts', 'big_accounts.parquet'))).toBe(true);
    const refreshed = await runPulse(['refresh', ...project], workspace.root);
    expect(refreshed.stdout).toContain('Up to date');
    expect(await folderDigest(sampleMarts())).toEqual(before);
  });

  it('--marts DIR and PULSE_MARTS_DIR choose the folder for build and refresh', async () => {
    const flag = await runPulse(['build', ...project, '--marts', 'out/flag-marts'], workspace.root);
    expect(flag.code).toBe(0);
    expect(existsSync(join(workspace.root, 'out', 'flag-marts', 'big_accounts.parquet'))).toBe(true);
    const env = await runPulse(['refresh', ...project, '--force'], workspace.root, {
      PULSE_MARTS_DIR: 'out/env-marts',
    });
    expect(env.code).toBe(0);
    expect(existsSync(join(workspace.root, 'out', 'env-marts', 'big_accounts.parquet'))).toBe(true);
    for (const command of ['build', 'refresh', 'schedule']) {
      const help = await runPulse([command, '--help'], workspace.root);
      expect(help.stdout).toContain('--marts DIR');
    }
  });
});
