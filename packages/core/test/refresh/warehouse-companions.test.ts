import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, cp, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { companionsOf, resolvePaths, WarehouseNameError } from '../../src/index.js';
import { TINY_PROJECT_MODULE, tinyWorkspace } from '../support/tiny-project.js';
import { folderDigest, runPulse } from './spawn-pulse.js';

/** The pid of a process that has exited: nothing answers to it any more. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

/**
 * The run log, the marts and the run artifacts belong to their warehouse: building or refreshing one
 * warehouse never touches, nor reads, another one's.
 */
describe('the companions of a warehouse', () => {
  let workspace: Awaited<ReturnType<typeof tinyWorkspace>>;
  const project = ['--project', TINY_PROJECT_MODULE];
  const at = (...parts: string[]) => join(workspace.root, ...parts);
  /** A copy of the sample exports, so a test can break one warehouse's data without the other's. */
  const exportsCopy = async (name: string) => {
    await cp(at('data', 'raw'), at(name), { recursive: true });
    return at(name);
  };

  beforeEach(async () => {
    workspace = await tinyWorkspace();
    expect((await runPulse(['refresh', ...project], workspace.root)).code).toBe(0);
  });
  afterEach(() => workspace.cleanup());

  it('one rule: today’s names for warehouse.duckdb (target at the root for the default one), else <name>-…', () => {
    const root = workspace.root;
    expect(companionsOf(at('data', 'warehouse.duckdb'), root)).toEqual({
      runLog: at('data', 'pulse-runs.jsonl'),
      marts: at('data', 'marts'),
      artifacts: at('target'),
    });
    expect(companionsOf('/srv/pulse/warehouse.duckdb', root)).toEqual({
      runLog: '/srv/pulse/pulse-runs.jsonl',
      marts: '/srv/pulse/marts',
      artifacts: '/srv/pulse/target',
    });
    expect(companionsOf(at('elsewhere', 'my.duckdb'), root)).toEqual({
      runLog: at('elsewhere', 'my-runs.jsonl'),
      marts: at('elsewhere', 'my-marts'),
      artifacts: at('elsewhere', 'my-target'),
    });
    // resolvePaths takes them from the same rule; --artifacts / PULSE_ARTIFACTS_DIR override the folder.
    expect(resolvePaths({ cwd: root, env: {} }).targetDir).toBe(at('target'));
    expect(resolvePaths({ cwd: root, env: {}, warehouse: 'elsewhere/my.duckdb' }).targetDir).toBe(
      at('elsewhere', 'my-target'),
    );
    expect(resolvePaths({ cwd: root, env: { PULSE_ARTIFACTS_DIR: 'env-target' } }).targetDir).toBe(
      at('env-target'),
    );
    expect(
      resolvePaths({ cwd: root, env: { PULSE_ARTIFACTS_DIR: 'env-target' }, artifacts: 'flag-target' })
        .targetDir,
    ).toBe(at('flag-target'));
  });

  it("a warehouse file DuckDB would name like one of Pulse's schemas (pulse.duckdb, marts.duckdb, raw.v2.duckdb) is refused before anything is written, naming a way out", async () => {
    // DuckDB names the database after the file up to its first dot; `pulse.rows_left_out` was then
    // ambiguous and the build died after ingestion with "unexpected error (a bug)".
    const data = await exportsCopy('named-exports');
    for (const file of ['pulse.duckdb', 'marts.duckdb', 'Raw.v2.duckdb', 'stripe.db']) {
      for (const command of ['build', 'refresh']) {
        const run = await runPulse(
          [command, ...project, '--data', data, '--warehouse', `named/${file}`],
          workspace.root,
        );
        const name = file.split('.')[0];
        expect({ code: run.code, stderr: run.stderr }).toEqual({
          code: 2,
          stderr: expect.stringContaining(`The warehouse file ${file} cannot be used`),
        });
        expect(run.stderr).toContain(`--warehouse ${name}-warehouse.duckdb`);
        expect(run.stderr).not.toContain('unexpected error');
      }
    }
    expect(existsSync(at('named'))).toBe(false);
    expect(() => resolvePaths({ cwd: workspace.root, env: { PULSE_WAREHOUSE: 'x/staging.duckdb' } })).toThrow(
      WarehouseNameError,
    );
    // Any other name builds, one that only starts like a schema included.
    const built = await runPulse(
      ['build', ...project, '--data', data, '--warehouse', 'named/pulse-warehouse.duckdb'],
      workspace.root,
    );
    expect({ code: built.code, stderr: built.stderr }).toEqual({ code: 0, stderr: '' });
  });

  it('two warehouses in one folder keep their own run history: status of one never reports the other’s failed run', async () => {
    const aData = await exportsCopy('a-exports');
    const bData = await exportsCopy('b-exports');
    const a = ['--warehouse', 'shared/a.duckdb', '--data', aData];
    const b = ['--warehouse', 'shared/b.duckdb', '--data', bData];
    expect((await runPulse(['refresh', ...project, ...a], workspace.root)).code).toBe(0);
    expect((await runPulse(['refresh', ...project, ...b], workspace.root)).code).toBe(0);
    await rm(join(bData, 'accounts.csv'));
    const failed = await runPulse(['refresh', ...project, ...b], workspace.root);
    expect(failed.code).toBe(1);

    const statusA = await runPulse(['status', ...project, ...a, '--runs', '50'], workspace.root);
    expect(statusA.stdout).not.toContain('LAST RUN FAILED');
    expect(statusA.stdout.match(/ {2}success /g)).toHaveLength(1);
    expect(statusA.code).toBe(0);
    const statusB = await runPulse(['status', ...project, ...b], workspace.root);
    expect(statusB.stdout).toContain('LAST RUN FAILED');
    expect(statusB.code).toBe(1);

    // A refresh of a merges only a's log into its pulse.runs: b's runs never reach a's warehouse.
    await appendFile(join(aData, 'accounts.csv'), 'a9,smb,100,2024-03-02\n');
    expect((await runPulse(['refresh', ...project, ...a], workspace.root)).code).toBe(0);
    await rm(at('shared', 'a-runs.jsonl'));
    const published = await runPulse(['status', ...project, ...a, '--runs', '50'], workspace.root);
    expect(published.stdout.match(/ {2}(success|failed|up_to_date) /g)).toHaveLength(2);

    expect((await readdir(at('shared'))).filter((name) => name.endsWith('.jsonl')).sort()).toEqual([
      'b-runs.jsonl',
    ]);
    // The sample's own history is untouched by either.
    const sample = await runPulse(['status', ...project], workspace.root);
    expect(sample.stdout.match(/ {2}(success|failed|up_to_date) /g)).toHaveLength(1);
  });

  it('pulse build and pulse test of elsewhere/my.duckdb leave <root>/target untouched; their artifacts go to elsewhere/my-target', async () => {
    const before = await folderDigest(at('target'));
    const other = await exportsCopy('my-exports');
    const built = await runPulse(
      ['build', ...project, '--data', other, '--warehouse', 'elsewhere/my.duckdb'],
      workspace.root,
    );
    expect(built.code).toBe(0);
    expect(built.stdout).toContain(
      'Artifacts: elsewhere/my-target/run_results.json, elsewhere/my-target/manifest.json',
    );
    expect(await folderDigest(at('target'))).toEqual(before);
    expect(existsSync(at('elsewhere', 'my-target', 'run_results.json'))).toBe(true);

    await rm(at('elsewhere', 'my-target'), { recursive: true });
    const tested = await runPulse(['test', ...project, '--warehouse', 'elsewhere/my.duckdb'], workspace.root);
    expect(tested.code).toBe(0);
    expect(await folderDigest(at('target'))).toEqual(before);
    expect(await readdir(at('elsewhere', 'my-target'))).toEqual(['test_results.json']);
  });

  it('a warehouse.duckdb outside data/ gets pulse-runs.jsonl, marts and target beside it', async () => {
    const before = await folderDigest(at('target'));
    expect(
      (await runPulse(['refresh', ...project, '--warehouse', 'out/warehouse.duckdb'], workspace.root)).code,
    ).toBe(0);
    expect((await readdir(at('out'))).sort()).toEqual([
      'marts',
      'pulse-runs.jsonl',
      'target',
      'warehouse.duckdb',
      'warehouse.duckdb.files.json',
    ]);
    expect(await folderDigest(at('target'))).toEqual(before);
    // The sample layout is today's: data/pulse-runs.jsonl, data/marts, <root>/target.
    expect((await readdir(at('data'))).sort()).toEqual([
      'marts',
      'pulse-runs.jsonl',
      'raw',
      'warehouse.duckdb',
      'warehouse.duckdb.files.json',
    ]);
    expect(await readdir(at('target'))).toEqual(['manifest.json', 'run_results.json']);
  });

  it('--artifacts DIR and PULSE_ARTIFACTS_DIR choose the folder for build, test and refresh; every --help says where each companion goes', async () => {
    expect((await runPulse(['build', ...project, '--artifacts', 'out/flag'], workspace.root)).code).toBe(0);
    expect(existsSync(at('out', 'flag', 'run_results.json'))).toBe(true);
    expect((await runPulse(['test', ...project, '--artifacts', 'out/test'], workspace.root)).code).toBe(0);
    expect(existsSync(at('out', 'test', 'test_results.json'))).toBe(true);
    const env = await runPulse(['refresh', ...project, '--force'], workspace.root, {
      PULSE_ARTIFACTS_DIR: 'out/env',
    });
    expect(env.code).toBe(0);
    expect(existsSync(at('out', 'env', 'manifest.json'))).toBe(true);
    for (const command of ['build', 'test', 'refresh', 'schedule']) {
      const help = (await runPulse([command, '--help'], workspace.root)).stdout;
      expect(help, command).toContain('--artifacts DIR');
      expect(help, command).toContain('<name>-target');
    }
    for (const command of ['refresh', 'schedule', 'status']) {
      const help = (await runPulse([command, '--help'], workspace.root)).stdout;
      expect(help, command).toContain('<name>-runs.jsonl');
    }
  });

  it('a build removes the half-written artifacts a dead run left in its artifacts folder, and only those', async () => {
    const pid = deadPid();
    await writeFile(at('target', `run_results.json.partial-${pid}`), '{');
    await writeFile(at('target', 'notes.txt'), 'mine');
    const built = await runPulse(['build', ...project], workspace.root);
    expect(built.code).toBe(0);
    expect(built.stdout).toContain(`removed ${at('target', `run_results.json.partial-${pid}`)}`);
    expect((await readdir(at('target'))).sort()).toEqual(['manifest.json', 'notes.txt', 'run_results.json']);
  });
});
