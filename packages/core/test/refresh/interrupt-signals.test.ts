import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readRunLog } from '../../src/refresh/run-log.js';
import { TINY_PROJECT_MODULE, tinyWorkspace } from '../support/tiny-project.js';
import { publishedPair } from './published-pair.js';
import { cleanEnv, runPulse, startPulse } from './spawn-pulse.js';

const PULSE_BIN = fileURLToPath(new URL('../../bin/pulse.js', import.meta.url));

/**
 * A `pulse build` or `pulse refresh` stopped by SIGTERM (a scheduler's stop, a timeout), SIGINT (Ctrl-C)
 * or SIGHUP (a closed terminal).
 * The process is held at a known step with its event loop running (PULSE_TEST_HOLD_AT), so the signal
 * reaches pulse's own handling, as it does while DuckDB builds a model.
 */
describe('pulse build and refresh stopped by SIGTERM or SIGINT', () => {
  let workspace: Awaited<ReturnType<typeof tinyWorkspace>>;
  const project = ['--project', TINY_PROJECT_MODULE];
  const { dataDir, warehouse, snapshot, accountIds, leftovers } = publishedPair(() => workspace.root);

  beforeEach(async () => {
    workspace = await tinyWorkspace();
    expect((await runPulse(['refresh', ...project], workspace.root)).code).toBe(0);
    await appendFile(join(dataDir(), 'raw', 'accounts.csv'), 'a9,smb,120,2024-03-01\n');
  });
  afterEach(() => workspace.cleanup());

  it.each([
    ['refresh', 'SIGTERM'],
    ['refresh', 'SIGINT'],
    ['build', 'SIGTERM'],
    ['build', 'SIGINT'],
    // The terminal closed, or a supervisor's hang-up: it ended with 129 and left its lock and staged copy.
    ['refresh', 'SIGHUP'],
  ] as const)(
    'pulse %s stopped by %s before publishing: recorded as interrupted, nothing published',
    async (command, signal) => {
      const before = await snapshot();
      const run = startPulse([command, ...project], workspace.root, { PULSE_TEST_HOLD_AT: 'built' });
      await run.waitFor('holding at built');
      const sentAt = new Date();
      run.child.kill(signal);
      const end = await run.exited;

      // Ended by the signal itself, as shells expect (they report 128 + its number: 143, 130).
      expect({ code: end.code, signal: end.signal }).toEqual({ code: null, signal });
      expect(end.stderr).toContain(
        `pulse ${command}: interrupted by ${signal} before publishing: the warehouse and marts are as they were`,
      );
      expect(await snapshot()).toEqual(before);
      // Its staged copies are removed and its lock released before it ends, not by the next run.
      expect(await leftovers()).toEqual([]);
      const last = (await readRunLog(warehouse())).at(-1)!;
      expect(last).toMatchObject({
        status: 'interrupted',
        command,
        message: `stopped by ${signal} before publishing: the warehouse and marts are as they were`,
      });
      expect(new Date(last.started_at).getTime()).toBeLessThanOrEqual(sentAt.getTime());
      expect(new Date(last.finished_at).getTime()).toBeGreaterThanOrEqual(sentAt.getTime());

      const status = await runPulse(['status', ...project], workspace.root);
      expect(status.stdout).toMatch(
        new RegExp(`interrupted\\s+\\d+\\.\\ds\\s+pulse ${command} stopped by ${signal} before publishing`),
      );
      if (command === 'refresh') {
        expect(status.stdout).toContain(`Status: LAST RUN INTERRUPTED (${last.finished_at})`);
        expect(status.code).toBe(1);
      } else {
        // The scheduled job's last run (a refresh) is what status judges: a stopped manual build left the
        // published warehouse as it was, and builds that succeed are not logged to clear it.
        expect(status.stdout).not.toContain('LAST RUN INTERRUPTED');
        expect(status.code).toBe(0);
      }

      const next = await runPulse(['refresh', ...project], workspace.root);
      expect({ code: next.code, stderr: next.stderr }).toEqual({ code: 0, stderr: '' });
      expect(await accountIds()).toEqual(['a1', 'a2', 'a3', 'a4', 'a9']);
      // How far it got, as a failed run's record says (it recorded 0 files and 0 models). Held after its
      // models were built, a refresh had read and built what the next refresh read and built to publish; a
      // build, what the first refresh did (every file and model), with the account added since.
      const [first, done] = [(await readRunLog(warehouse()))[0]!, (await readRunLog(warehouse())).at(-1)!];
      const like = command === 'refresh' ? done : first;
      expect(last.models_built).toBeGreaterThan(0);
      expect({
        files: last.files_ingested,
        built: last.models_built,
        accounts: last.rows_per_source.accounts,
      }).toEqual({
        files: like.files_ingested,
        built: like.models_built,
        accounts: 5,
      });
    },
  );

  it('a shell sees the conventional exit status 143 for SIGTERM, after the run was recorded', async () => {
    // `wait` in sh reports a child killed by signal N as 128 + N.
    const shell = spawn(
      'sh',
      [
        '-c',
        '"$@" & echo "pid $!"; wait $!; echo "status $?"',
        'sh',
        process.execPath,
        PULSE_BIN,
        'refresh',
        ...project,
      ],
      { cwd: workspace.root, env: cleanEnv({ PULSE_TEST_HOLD_AT: 'built' }) },
    );
    let output = '';
    const held = new Promise<void>((resolve) =>
      shell.stderr.on('data', (chunk) => {
        if (String(chunk).includes('holding at built')) resolve();
      }),
    );
    shell.stdout.on('data', (chunk) => {
      output += chunk;
    });
    await held;
    const pid = Number(/pid (\d+)/.exec(output)![1]);
    process.kill(pid, 'SIGTERM');
    await new Promise((resolve) => shell.on('close', resolve));
    expect(output).toContain('status 143');
    expect((await readRunLog(warehouse())).at(-1)).toMatchObject({
      status: 'interrupted',
      command: 'refresh',
    });
  });

  it('a signal after the commit point lets the publish finish: the run ends as usual', async () => {
    const run = startPulse(['refresh', ...project], workspace.root, { PULSE_TEST_HOLD_AT: 'publishing' });
    await run.waitFor('holding at publishing');
    run.child.kill('SIGTERM');
    await run.waitFor('SIGTERM received while publishing: finishing the publish');
    run.child.stdin!.write('\n');
    const end = await run.exited;
    expect({ code: end.code, signal: end.signal }).toEqual({ code: 0, signal: null });
    expect(await accountIds()).toEqual(['a1', 'a2', 'a3', 'a4', 'a9']);
    expect(await leftovers()).toEqual([]);
    expect((await readRunLog(warehouse())).map((record) => record.status)).toEqual(['success', 'success']);
  });

  // The commit point is passed before the journal is written: a second signal then said "the next build
  // or refresh completes what is left of the publish", though there was no journal and nothing published.
  it('a second signal before the journal is written says nothing was published', async () => {
    const run = startPulse(['refresh', ...project], workspace.root, { PULSE_TEST_HOLD_AT: 'committing' });
    await run.waitFor('holding at committing');
    run.child.kill('SIGTERM');
    await run.waitFor('SIGTERM received while publishing');
    run.child.kill('SIGTERM');
    const end = await run.exited;
    expect(end.signal).toBe('SIGTERM');
    expect(end.stderr).toContain(
      'stopped by a second SIGTERM before its publish began: nothing was published',
    );
    expect(existsSync(`${warehouse()}.publishing`)).toBe(false);
    const next = await runPulse(['refresh', ...project], workspace.root);
    expect(next.code).toBe(0);
    expect(next.stdout).not.toContain('completed the publish');
    expect(await leftovers()).toEqual([]);
  });

  it('a second signal after the commit point stops at once; the next run completes the publish', async () => {
    const run = startPulse(['refresh', ...project], workspace.root, { PULSE_TEST_HOLD_AT: 'publishing' });
    await run.waitFor('holding at publishing');
    run.child.kill('SIGTERM');
    await run.waitFor('SIGTERM received while publishing');
    run.child.kill('SIGTERM');
    const end = await run.exited;
    expect(end.signal).toBe('SIGTERM');
    expect(end.stderr).toContain(
      'stopped by a second SIGTERM while publishing: the next build or refresh completes what is left of the publish',
    );
    expect(existsSync(`${warehouse()}.publishing`)).toBe(true);

    const next = await runPulse(['refresh', ...project], workspace.root);
    expect(next.code).toBe(0);
    expect(next.stdout).toContain('completed the publish of a run that was interrupted');
    expect(await accountIds()).toEqual(['a1', 'a2', 'a3', 'a4', 'a9']);
    expect(await leftovers()).toEqual([]);
    // The interrupted run published: it is no interrupted run.
    expect((await readRunLog(warehouse())).map((record) => record.status)).not.toContain('interrupted');
  });
});
