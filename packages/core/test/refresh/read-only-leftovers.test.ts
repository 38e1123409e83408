import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-warehouse.js';
import { cleanEnv, type Exited, runPulse } from './spawn-pulse.js';

const PULSE_BIN = fileURLToPath(new URL('../../bin/pulse.js', import.meta.url));
const run = promisify(execFile);

/**
 * A folder the run may not empty must not fail it: as root every folder can be emptied, so there the runs
 * are made by `nobody` (runuser); any other user runs them itself.
 */
const asRoot = process.getuid?.() === 0;
const canRunAsOther = !asRoot || existsSync('/usr/sbin/runuser') || existsSync('/sbin/runuser');

async function pulseAsUser(argv: readonly string[], cwd: string): Promise<Exited> {
  const [command, args] = asRoot
    ? ['runuser', ['-u', 'nobody', '--', process.execPath, PULSE_BIN, ...argv]]
    : [process.execPath, [PULSE_BIN, ...argv]];
  try {
    const { stdout, stderr } = await run(command, args, { cwd, env: cleanEnv() });
    return { code: 0, signal: null, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, signal: null, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe.skipIf(!canRunAsOther)('a replaced marts folder that cannot be removed', () => {
  let root: string;
  let cleanup: () => Promise<void>;
  const raw = () => join(root, 'raw');
  const folder = () => join(root, 'w');
  const refresh = () => ['refresh', '--data', raw(), '--warehouse', join(folder(), 'warehouse.duckdb')];

  beforeAll(async () => {
    ({ dir: root, cleanup } = await tempDir('pulse-read-only-'));
    expect(
      (await runPulse(['generate', '--out', raw(), '--accounts', '20', '--months', '3'], root)).code,
    ).toBe(0);
    // Compiles the project's modules as this user first: `nobody` may not write their cache.
    expect(
      (await runPulse(['build', '--data', raw(), '--warehouse', join(root, 'warm.duckdb')], root)).code,
    ).toBe(0);
    await run('chmod', ['-R', 'a+rwX', root]);
    const first = await pulseAsUser(refresh(), root);
    expect({ code: first.code, stderr: first.stderr }).toEqual({ code: 0, stderr: '' });
  });
  afterAll(async () => {
    await run('chmod', ['-R', 'u+rwX', root]).catch(() => {});
    await cleanup();
  });

  it('is left where it is: the publish completes, and later runs warn instead of failing', async () => {
    // The published marts folder made read-only: its files cannot be removed once it is replaced.
    await chmod(join(folder(), 'marts'), 0o555);
    await writeFile(join(raw(), 'events', 'part-0009.csv'), 'account_id,user_id,event_name,occurred_at\n');
    await chmod(join(raw(), 'events', 'part-0009.csv'), 0o666);
    const published = await pulseAsUser(refresh(), root);
    // Before, the new warehouse and marts were in place but the run said "Nothing was published", exit 1,
    // and so did every run after it: each tried to remove that folder again.
    expect({ code: published.code, stderr: published.stderr }).toEqual({ code: 0, stderr: '' });
    expect(published.stdout).toContain('1 added');
    const left = (await readdir(folder())).filter((name) => name.startsWith('marts.old-'));
    expect(left).toHaveLength(1);

    const next = await pulseAsUser(refresh(), root);
    expect({ code: next.code, stderr: next.stderr }).toEqual({ code: 0, stderr: '' });
    expect(next.stdout).toContain(`could not remove ${join(folder(), left[0]!)}`);
    expect(next.stdout).toContain('Up to date');
  });
});
