import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolvePaths } from '../../src/config/resolve-paths.js';
import { UsageError } from '../../src/config/usage-error.js';
import { refreshProject } from '../../src/refresh/refresh-project.js';
import { readRunLog } from '../../src/refresh/run-log.js';
import { tempDir } from '../support/temp-warehouse.js';
import { runPulse } from './spawn-pulse.js';

/**
 * A warehouse built from exports outside the workspace's default folder (the README's nightly job:
 * `pulse refresh --data /srv/exports`), then read by commands given no --data: they read the default
 * folder's config instead, so `pulse check` passed while the build had judged a target breached, and a
 * bare `pulse refresh --prune` would have ingested the default folder into that warehouse.
 */
describe('commands given no --data after a build of another folder', () => {
  let root: string;
  let cleanup: () => Promise<void>;
  const exports = () => join(root, 'srv', 'exports');
  const config = () => join(root, 'srv', 'pulse.config.json');
  beforeAll(async () => {
    ({ dir: root, cleanup } = await tempDir('pulse-last-build-'));
    const generated = await runPulse(
      ['generate', '--out', exports(), '--accounts', '30', '--months', '4', '--seed', '5'],
      root,
    );
    expect(generated.code).toBe(0);
    // A target no data meets: the build judges it breached.
    await writeFile(
      config(),
      JSON.stringify({
        targets: [{ metric: 'mrr_monthly.active_accounts', operator: '>', threshold: 1e9 }],
        max_age_hours: { accounts: 1 },
      }),
    );
    const refreshed = await runPulse(['refresh', '--data', exports()], root);
    expect({ code: refreshed.code, stderr: refreshed.stderr }).toEqual({ code: 0, stderr: '' });
  });
  afterAll(() => cleanup());

  it('pulse check judges the targets of the config the build read, and says which', async () => {
    const checked = await runPulse(['check'], root);
    expect(checked.stdout).toContain(`Data: ${exports()}, config ${config()}`);
    expect(checked.stdout).toContain('mrr_monthly.active_accounts');
    expect(checked.code).toBe(1);
    // Told, it reads what it is told.
    const told = await runPulse(['check', '--data', join(root, 'data', 'raw')], root);
    expect(told.stdout).not.toContain('Data:');
    expect(told.stdout).not.toContain('mrr_monthly.active_accounts');
  });

  it('pulse sources shows the config the build read', async () => {
    const sources = await runPulse(['sources'], root);
    expect(sources.code).toBe(0);
    expect(sources.stdout).toContain(`Config:    ${config()}`);
  });

  // The README's nightly recipe runs `pulse refresh --data /srv/exports`, then a bare `pulse status`: it
  // judged the default folder's config (no limit but events' 48 h), not the one the build read.
  it('pulse status judges the freshness limits of the config the build read, and says which', async () => {
    const status = await runPulse(['status'], root);
    expect(status.stdout).toContain(`Data: ${exports()}, config ${config()}`);
    expect(status.stdout).toMatch(/accounts\s+newest \S+, [\d.]+ h old, limit 1 h: STALE/);
    expect(status.code).toBe(1);
  });

  it('pulse refresh refuses to read the default folder into that warehouse, and logs the refusal', async () => {
    const refused = await runPulse(['refresh', '--prune'], root);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`was last built from ${exports()}`);
    expect(refused.stderr).toContain(`pass --data ${exports()}`);
    // A nightly job refused so left no trace: `pulse status` said its last run succeeded.
    const status = await runPulse(['status', '--data', exports()], root);
    expect(status.stdout).toMatch(/Status: LAST RUN FAILED \(\S+\): this warehouse .* was last built from/);
    // `pulse schedule` says so at once instead of failing at every tick.
    const scheduled = await runPulse(['schedule', '--cron', '0 3 * * *'], root);
    expect(scheduled.code).toBe(2);
    expect(scheduled.stderr).toContain(`pass --data ${exports()}`);
    const refreshed = await runPulse(['refresh', '--data', exports()], root);
    expect({ code: refreshed.code, stdout: refreshed.stdout }).toEqual({
      code: 0,
      stdout: expect.stringContaining('Up to date'),
    });
  });

  // The refusal belongs to the refresh, not to the command line: a job that calls refreshProject (as
  // `pulse schedule` and the bench do) was refused with nothing logged, since only the CLI wrote the record.
  it('refreshProject itself refuses the default folder for that warehouse and logs the refusal', async () => {
    const paths = resolvePaths({ cwd: root, env: {} });
    const before = (await readRunLog(paths.warehouse)).length;
    const error = await refreshProject({
      paths,
      project: () => Promise.reject(new Error('a refused refresh must not load the project')),
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toContain(`was last built from ${exports()}`);
    const log = await readRunLog(paths.warehouse);
    expect(log).toHaveLength(before + 1);
    expect(log.at(-1)).toMatchObject({ command: 'refresh', status: 'failed' });
    expect(log.at(-1)?.message).toContain(`pass --data ${exports()}`);
  });

  // PulsePaths' dataExplicit is optional: a caller naming its own folder without it was refused as if it
  // had read the default folder, told to pass a CLI flag.
  it('refreshProject does not refuse a folder a caller named without dataExplicit', async () => {
    const { dataExplicit: _left, ...paths } = resolvePaths({ cwd: root, env: {} });
    const elsewhere = join(root, 'no-such-exports');
    const error = await refreshProject({
      paths: { ...paths, dataDir: elsewhere },
      project: () => Promise.reject(new Error('not loaded')),
    }).catch((caught: unknown) => caught);
    expect((error as Error).message).not.toContain('was last built from');
    expect((error as Error).message).toContain(elsewhere);
  });
});
