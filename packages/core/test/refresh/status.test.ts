import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../../src/index.js';
import { readRunLog } from '../../src/refresh/run-log.js';
import { pulseInProcess } from '../support/capture-io.js';
import { tempDir } from '../support/temp-warehouse.js';

describe('pulse status', () => {
  let root: string;
  let cleanup: () => Promise<void>;
  let newestEvent: Date;
  const pulse = (...argv: string[]) => pulseInProcess(root, argv);
  const hoursAfterNewest = (hours: number) =>
    new Date(newestEvent.getTime() + hours * 3_600_000).toISOString();

  beforeAll(async () => {
    ({ dir: root, cleanup } = await tempDir('pulse-status-'));
    const raw = join(root, 'data', 'raw');
    expect(
      (await pulse('generate', '--out', raw, '--accounts', '150', '--months', '8', '--seed', '3')).code,
    ).toBe(0);
    // The generated history ends months ago; --now may not come before the refresh below, so the newest
    // event is made an hour old (as_of stays where the generated history ends).
    const anHourAgo = new Date(Math.floor(Date.now() / 1000) * 1000 - 3_600_000).toISOString();
    await writeFile(
      join(raw, 'events', 'part-latest.csv'),
      `event_id,account_id,user_id,event_name,occurred_at\ne-latest,00113,u1,login,${anHourAgo}\n`,
    );
    await writeFile(join(root, 'data', 'pulse.config.json'), '{ "as_of": "2026-10-15" }\n');
    expect((await pulse('refresh')).code).toBe(0);
    const warehouse = await Warehouse.open(join(root, 'data', 'warehouse.duckdb'), { readOnly: true });
    try {
      [{ newest: newestEvent }] = (await warehouse.query<{ newest: Date }>(
        'select max(occurred_at) as newest from raw.events',
      )) as [{ newest: Date }];
    } finally {
      await warehouse.close();
    }
  });
  afterAll(() => cleanup());

  it('fresh: every checked source within its limit and the last run succeeded (exit 0)', async () => {
    const { code, stdout } = await pulse('status', '--now', hoursAfterNewest(47));
    expect(stdout).toMatch(/events\s+newest \S+, 47\.0 h old, limit 48 h: ok/);
    expect(stdout).toMatch(/success\s+\d+\.\ds\s+\d+ files, 35 built, 0 kept or skipped, 0 tests failed/);
    expect(stdout).toContain('Status: OK');
    expect(code).toBe(0);
  });

  it('stale: events past the default 48 h, or a source past its configured max_age_hours (exit 1)', async () => {
    const late = await pulse('status', '--now', hoursAfterNewest(49));
    expect(late.stdout).toMatch(/events\s+newest \S+, 49\.0 h old, limit 48 h: STALE/);
    expect(late.stdout).toContain('Status: STALE: events');
    expect(late.code).toBe(1);

    const config = join(root, 'strict.config.json');
    await writeFile(config, JSON.stringify({ max_age_hours: { events: 100, spend: 24 } }));
    const configured = await pulse('status', '--config', config, '--now', hoursAfterNewest(49));
    expect(configured.stdout).toMatch(/events\s+newest \S+, 49\.0 h old, limit 100 h: ok/);
    expect(configured.stdout).toContain('Status: STALE: spend');
    expect(configured.code).toBe(1);
  });

  // --now before the newest records printed negative ages ("-351.3 h old"), and "ok".
  it('--now before the last recorded run is a usage error naming its time (exit 2)', async () => {
    const last = (await readRunLog(join(root, 'data', 'warehouse.duckdb'))).at(-1)!;
    const before = new Date(new Date(last.started_at).getTime() - 60_000).toISOString();
    const { code, stdout, stderr } = await pulse('status', '--now', before);
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr.split('\n')[0]).toBe(
      `pulse status: --now must not be before the last recorded run, which started at ${last.started_at}; got "${before}"`,
    );
    expect((await pulse('status', '--now', last.started_at)).code).not.toBe(2);
  });

  // A refresh killed with SIGKILL (or by the out-of-memory killer) writes no run record: status said OK
  // night after night. A lock left by a run of another host (a pod that died) makes every refresh exit 75,
  // which schedulers count as success: status said OK too.
  it('a lock no finished run released: its holder died here, or another host has held it a day (exit 1)', async () => {
    const now = hoursAfterNewest(2);
    const lock = join(root, 'data', 'warehouse.duckdb.lock');
    const holder = (fields: { pid: number; host: string; hoursBefore: number }) =>
      writeFile(
        lock,
        `${JSON.stringify({
          pid: fields.pid,
          host: fields.host,
          started_at: new Date(Date.parse(now) - fields.hoursBefore * 3_600_000).toISOString(),
          command: 'refresh',
        })}\n`,
      );
    const dead = Number(
      spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString(),
    );
    try {
      await holder({ pid: dead, host: hostname(), hoursBefore: 1 });
      const died = await pulse('status', '--now', now);
      expect(died.stdout).toContain(`Status: LAST RUN DIED: pulse refresh (pid ${dead}`);
      expect(died.stdout).toContain('The next run takes its lock');
      expect(died.stdout).not.toContain('Status: OK');
      expect(died.code).toBe(1);

      // What the dead run got done, by what it left: status said "it published nothing" of every one.
      await holder({ pid: dead, host: hostname(), hoursBefore: 0.5 }); // took the lock after the last run
      expect((await pulse('status', '--now', now)).stdout).toContain('and published nothing');
      await holder({ pid: dead, host: hostname(), hoursBefore: 1.5 }); // the refresh above ran after it
      expect((await pulse('status', '--now', now)).stdout).toContain('and had published (its run is listed');
      // A build is in no run history: killed once it had published, it is told by the warehouse it wrote.
      const written = statSync(join(root, 'data', 'warehouse.duckdb')).mtimeMs;
      await writeFile(
        lock,
        `${JSON.stringify({ pid: dead, host: hostname(), started_at: new Date(written - 1).toISOString(), command: 'build' })}\n`,
      );
      expect((await pulse('status', '--now', now)).stdout).toContain('pulse build (pid');
      expect((await pulse('status', '--now', now)).stdout).toContain('and had published');
      const journal = join(root, 'data', 'warehouse.duckdb.publishing');
      await writeFile(journal, '{}\n');
      try {
        const halfway = await pulse('status', '--now', now);
        expect(halfway.stdout).toContain('stopped in the middle of its publish');
        expect(halfway.stdout).toContain('Run `pulse refresh` now.');
        expect(halfway.code).toBe(1);
      } finally {
        await rm(journal, { force: true });
      }

      await holder({ pid: 4242, host: 'pod-2', hoursBefore: 30 });
      const held = await pulse('status', '--now', now);
      expect(held.stdout).toMatch(/Status: LOCKED FOR 30 h by pulse refresh \(pid 4242 on host pod-2/);
      expect(held.stdout).toContain('every refresh exits 75');
      expect(held.code).toBe(1);

      // A run in progress, here or on another host for less than a day, is no problem.
      for (const running of [
        { pid: 4242, host: 'pod-2', hoursBefore: 3 },
        { pid: process.pid, host: hostname(), hoursBefore: 1 },
      ]) {
        await holder(running);
        const ok = await pulse('status', '--now', now);
        expect({ code: ok.code, ok: ok.stdout.includes('Status: OK') }).toEqual({ code: 0, ok: true });
      }
    } finally {
      await rm(lock, { force: true });
    }
  });

  it('failed: the last refresh failed, though the published data is fresh (exit 1)', async () => {
    await rm(join(root, 'data', 'raw', 'spend.csv'));
    expect((await pulse('refresh')).code).toBe(1);
    const { code, stdout } = await pulse('status', '--now', hoursAfterNewest(2));
    expect(stdout).toMatch(/Status: LAST RUN FAILED \(\S+\): 1 file ingested before is no longer/);
    expect(stdout).toMatch(/failed\s+\d+\.\ds .*--prune/);
    expect(code).toBe(1);
  });

  // A build publishes what it could build and exits 1 when models fail, but builds are not logged: status
  // said OK over a warehouse missing those marts.
  it('models of the published run failed: exit 1 naming them', async () => {
    const file = join(root, 'target', 'run_results.json');
    const published = await readFile(file, 'utf8');
    const failed = JSON.parse(published);
    failed.status = 'error';
    failed.args.command = 'build';
    failed.results[0].status = 'error';
    await writeFile(file, JSON.stringify(failed));
    try {
      const { code, stdout } = await pulse('status', '--now', hoursAfterNewest(2));
      expect(stdout).toContain(
        `Status: PUBLISHED WITH FAILED MODELS: the last published pulse build (${failed.finished_at}) failed ${failed.results[0].name};`,
      );
      expect(stdout).not.toContain('Status: OK');
      expect(code).toBe(1);
    } finally {
      await writeFile(file, published);
    }
  });

  it('no warehouse: exit 1 telling to refresh', async () => {
    const { code, stdout } = await pulse('status', '--warehouse', join(root, 'none.duckdb'));
    expect(stdout).toContain('(missing: run `pulse refresh`)');
    expect(code).toBe(1);
  });
});
