import { existsSync } from 'node:fs';
import { readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TINY_PROJECT_MODULE, tinyWorkspace } from '../support/tiny-project.js';
import { runPulse, startPulse } from './spawn-pulse.js';

describe('pulse schedule', () => {
  let workspace: Awaited<ReturnType<typeof tinyWorkspace>>;
  beforeEach(async () => {
    workspace = await tinyWorkspace();
  });
  afterEach(() => workspace.cleanup());

  it('refreshes on an every-second cron and exits 0 on SIGTERM with the warehouse published', async () => {
    const run = startPulse(
      ['schedule', '--cron', '* * * * * *', '--project', TINY_PROJECT_MODULE],
      workspace.root,
    );
    await run.waitFor('refresh finished (exit 0)');
    run.child.kill('SIGTERM');
    const end = await run.exited;
    expect({ code: end.code, stderr: end.stderr }).toEqual({ code: 0, stderr: '' });
    expect(end.stdout).toContain('Warehouse: ');
    expect(end.stdout).toContain('SIGTERM: stopping');
    expect(end.stdout.trimEnd()).toMatch(/stopped$/);
    expect(existsSync(join(workspace.root, 'data', 'warehouse.duckdb'))).toBe(true);
    expect((await readdir(join(workspace.root, 'data'))).sort()).toEqual([
      'marts',
      'pulse-runs.jsonl',
      'raw',
      'warehouse.duckdb',
      'warehouse.duckdb.files.json',
    ]);
  });

  // SIGHUP (a closed terminal, a supervisor's hang-up) ended the scheduler mid-refresh, leaving its lock.
  it.each(['SIGTERM', 'SIGHUP'] as const)(
    '%s during a refresh lets it finish (never half-published) before exiting 0',
    async (signal) => {
      const run = startPulse(
        ['schedule', '--cron', '* * * * * *', '--project', TINY_PROJECT_MODULE],
        workspace.root,
      );
      await run.waitFor('refresh starting');
      run.child.kill(signal);
      const end = await run.exited;
      expect(end.code).toBe(0);
      const status = await runPulse(['status', '--project', TINY_PROJECT_MODULE], workspace.root);
      expect(status.stdout).toMatch(/success\s+\d/);
      expect(existsSync(join(workspace.root, 'data', 'warehouse.duckdb.lock'))).toBe(false);
    },
  );

  // It logged "refresh finished (exit 1)" for a locked warehouse, where `pulse refresh` exits 75 (EX_TEMPFAIL).
  it('a refresh that finds the warehouse locked by another host is logged with exit 75, and the schedule goes on', async () => {
    const lock = join(workspace.root, 'data', 'warehouse.duckdb.lock');
    const holder = {
      pid: 4242,
      host: 'elsewhere.example',
      started_at: new Date().toISOString(),
      command: 'refresh',
    };
    await writeFile(lock, JSON.stringify(holder));
    const run = startPulse(
      ['schedule', '--cron', '* * * * * *', '--project', TINY_PROJECT_MODULE],
      workspace.root,
    );
    await run.waitFor('refresh finished (exit 75)');
    await rm(lock);
    await run.waitFor('refresh finished (exit 0)');
    run.child.kill('SIGTERM');
    const end = await run.exited;
    expect(end.code).toBe(0);
    expect(end.stderr).toMatch(/^pulse schedule: .*pulse refresh \(pid 4242 on host elsewhere\.example/m);
    expect(end.stdout).not.toContain('(exit 1)');
  });

  it('an invalid cron pattern is a usage error (exit 2)', async () => {
    const end = await runPulse(
      ['schedule', '--cron', 'every night', '--project', TINY_PROJECT_MODULE],
      workspace.root,
    );
    expect(end.code).toBe(2);
    expect(end.stderr).toContain('--cron "every night" is not a valid cron pattern');
  });

  // It printed "next at never" and exited 13 without a word; a bad time zone was blamed on the pattern.
  it('a pattern that never fires, or an unknown time zone, is a usage error (exit 2) that names it', async () => {
    const never = await runPulse(
      ['schedule', '--cron', '0 0 31 2 *', '--project', TINY_PROJECT_MODULE],
      workspace.root,
    );
    expect({ code: never.code, stderr: never.stderr }).toEqual({
      code: 2,
      stderr: expect.stringContaining('--cron "0 0 31 2 *" never fires (no such date, e.g. February 31st)'),
    });
    const mars = await runPulse(
      ['schedule', '--cron', '0 3 * * *', '--timezone', 'Mars/Olympus', '--project', TINY_PROJECT_MODULE],
      workspace.root,
    );
    expect({ code: mars.code, stderr: mars.stderr }).toEqual({
      code: 2,
      stderr: expect.stringContaining('--timezone "Mars/Olympus" is not a time zone'),
    });
  });
});
