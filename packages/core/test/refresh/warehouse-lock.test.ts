import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireWarehouseLock, readLockHolder, WarehouseLockedError } from '../../src/index.js';
import { tempDir } from '../support/temp-warehouse.js';
import { TINY_PROJECT_MODULE, tinyWorkspace } from '../support/tiny-project.js';
import { runPulse, startPulse } from './spawn-pulse.js';

/** The pid of a process that has exited: nothing answers to it any more. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

describe('warehouse lock', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir('pulse-lock-'));
  });
  afterEach(() => cleanup());

  it('refuses a second holder, naming the first, and is free again after release', async () => {
    const warehouse = join(dir, 'w.duckdb');
    const lock = await acquireWarehouseLock(warehouse, 'refresh');
    expect(await readLockHolder(`${warehouse}.lock`)).toMatchObject({ pid: process.pid, command: 'refresh' });
    const refused = await acquireWarehouseLock(warehouse, 'build').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(WarehouseLockedError);
    expect((refused as Error).message).toContain(
      `pulse refresh (pid ${process.pid} on host ${hostname()}, started `,
    );
    await lock.release();
    const again = await acquireWarehouseLock(warehouse, 'build');
    await again.release();
  });

  it('takes over a lock left by a dead process of this host, but not one from another host', async () => {
    const warehouse = join(dir, 'w.duckdb');
    const pid = deadPid();
    const stale = { pid, host: hostname(), started_at: '2026-01-01T00:00:00.000Z', command: 'refresh' };
    await writeFile(`${warehouse}.lock`, JSON.stringify(stale));
    const lock = await acquireWarehouseLock(warehouse, 'refresh');
    expect(await readLockHolder(`${warehouse}.lock`)).toMatchObject({ pid: process.pid });
    await lock.release();

    await writeFile(`${warehouse}.lock`, JSON.stringify({ ...stale, host: 'elsewhere.example' }));
    await expect(acquireWarehouseLock(warehouse, 'refresh')).rejects.toThrow(/on host elsewhere\.example/);
  });

  it('takes over a lock whose pid was reused by another process, but not one its live holder wrote', async () => {
    const warehouse = join(dir, 'w.duckdb');
    const held = await acquireWarehouseLock(warehouse, 'refresh');
    const holder = await readLockHolder(`${warehouse}.lock`);
    expect(holder?.process_start).toMatch(/^\d+$/);
    await expect(acquireWarehouseLock(warehouse, 'build')).rejects.toThrow(WarehouseLockedError);
    await held.release();

    // The pid is alive (it is this process) but started at another time: the lock's holder is gone.
    const reused = { ...holder!, process_start: String(Number(holder!.process_start) - 1) };
    await writeFile(`${warehouse}.lock`, JSON.stringify(reused));
    const lock = await acquireWarehouseLock(warehouse, 'refresh');
    expect(await readLockHolder(`${warehouse}.lock`)).toMatchObject({ process_start: holder!.process_start });
    await lock.release();
  });
});

describe('a lock file that is not what Pulse writes', () => {
  let workspace: Awaited<ReturnType<typeof tinyWorkspace>>;
  beforeEach(async () => {
    workspace = await tinyWorkspace();
  });
  afterEach(() => workspace.cleanup());

  // It said "locked by another pulse process ... wait for it to finish" (exit 75): no process holds it,
  // and waiting never helps.
  it.each([
    ['junk', 'garbage{{\n'],
    ['an empty file', ''],
    ['JSON without a holder', '{"pid":"x"}'],
  ])('(%s) is refused as unreadable, naming the file and what to do (exit 1)', async (_, content) => {
    const lock = join(workspace.root, 'data', 'warehouse.duckdb.lock');
    await writeFile(lock, content);
    for (const command of ['refresh', 'build']) {
      const run = await runPulse([command, '--project', TINY_PROJECT_MODULE], workspace.root);
      expect({ code: run.code, stderr: run.stderr }).toEqual({
        code: 1,
        stderr:
          `pulse ${command}: The warehouse lock file ${lock} cannot be read: it does not hold the process, ` +
          'host and start time Pulse writes there. If no pulse process is running on this warehouse, ' +
          'remove the file and run again.\n',
      });
    }
    expect(await readFile(lock, 'utf8')).toBe(content);
  });
});

describe('pulse refresh while another pulse process holds the warehouse', () => {
  let workspace: Awaited<ReturnType<typeof tinyWorkspace>>;
  beforeEach(async () => {
    workspace = await tinyWorkspace();
  });
  afterEach(() => workspace.cleanup());

  it('exits 75 naming the holder; after the holder is killed (-9) the stale lock is recovered', async () => {
    const args = ['refresh', '--project', TINY_PROJECT_MODULE];
    const first = startPulse(args, workspace.root, { PULSE_TEST_PAUSE_AT: 'locked' });
    await first.waitFor('paused at locked');
    const second = await runPulse(args, workspace.root);
    expect(second.code).toBe(75);
    expect(second.stderr).toContain(`locked by pulse refresh (pid ${first.child.pid} on host ${hostname()}`);
    const build = await runPulse(['build', '--project', TINY_PROJECT_MODULE], workspace.root);
    expect(build.code).toBe(75);

    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    const recovered = await runPulse(args, workspace.root);
    expect(recovered.stderr).toBe('');
    expect(recovered.code).toBe(0);
  });
});
