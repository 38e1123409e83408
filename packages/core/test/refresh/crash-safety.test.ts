import { existsSync } from 'node:fs';
import { appendFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Warehouse } from '../../src/index.js';
import { TINY_PROJECT_MODULE, tinyWorkspace } from '../support/tiny-project.js';
import { folderDigest, runPulse, sha256File, startPulse } from './spawn-pulse.js';

describe('pulse refresh is atomic', () => {
  let workspace: Awaited<ReturnType<typeof tinyWorkspace>>;
  const refresh = ['refresh', '--project', TINY_PROJECT_MODULE];
  const dataDir = () => join(workspace.root, 'data');
  const warehouse = () => join(dataDir(), 'warehouse.duckdb');
  const marts = () => join(dataDir(), 'marts');
  const snapshot = async () => ({
    warehouse: await sha256File(warehouse()),
    marts: await folderDigest(marts()),
  });
  const accountIds = async () => {
    const db = await Warehouse.open(warehouse(), { readOnly: true });
    try {
      return (
        await db.query<{ id: string }>('select account_id as id from staging.stg_accounts order by 1')
      ).map((row) => row.id);
    } finally {
      await db.close();
    }
  };
  /** Everything in data/ except what a finished refresh leaves. */
  const leftovers = async () =>
    (await readdir(dataDir())).filter(
      (name) => !['raw', 'marts', 'warehouse.duckdb', 'pulse-runs.jsonl'].includes(name),
    );

  beforeEach(async () => {
    workspace = await tinyWorkspace();
    expect((await runPulse(refresh, workspace.root)).code).toBe(0);
  });
  afterEach(() => workspace.cleanup());

  it.each(['ingested', 'built', 'staged'])(
    'kill -9 at "%s" leaves the previous warehouse and marts unchanged; the next refresh cleans up and publishes',
    async (step) => {
      const before = await snapshot();
      await appendFile(join(dataDir(), 'raw', 'accounts.csv'), 'a9,smb,120,2024-03-01\n');
      const run = startPulse(refresh, workspace.root, { PULSE_TEST_PAUSE_AT: step });
      await run.waitFor(`paused at ${step}`);
      run.child.kill('SIGKILL');
      await run.exited;
      expect(await snapshot()).toEqual(before);
      expect(await accountIds()).toEqual(['a1', 'a2', 'a3', 'a4']);

      const next = await runPulse(refresh, workspace.root);
      expect({ code: next.code, stderr: next.stderr }).toEqual({ code: 0, stderr: '' });
      expect(await accountIds()).toEqual(['a1', 'a2', 'a3', 'a4', 'a9']);
      expect(await leftovers()).toEqual([]);
    },
  );

  it('kill -9 after the commit point: the next refresh completes the publish', async () => {
    await appendFile(join(dataDir(), 'raw', 'accounts.csv'), 'a9,smb,120,2024-03-01\n');
    const run = startPulse(refresh, workspace.root, { PULSE_TEST_PAUSE_AT: 'publishing' });
    await run.waitFor('paused at publishing');
    run.child.kill('SIGKILL');
    await run.exited;
    expect(existsSync(`${warehouse()}.publishing`)).toBe(true);
    expect(await accountIds()).toEqual(['a1', 'a2', 'a3', 'a4']);

    const next = await runPulse(refresh, workspace.root);
    expect(next.code).toBe(0);
    expect(next.stdout).toContain('completed the publish of a run that was interrupted');
    expect(next.stdout).toContain('Up to date');
    expect(await accountIds()).toEqual(['a1', 'a2', 'a3', 'a4', 'a9']);
    expect(await leftovers()).toEqual([]);
  });

  it('a failing model publishes nothing and exits 1, unlike pulse build', async () => {
    const before = await snapshot();
    await appendFile(join(dataDir(), 'raw', 'accounts.csv'), 'a5,smb,500000,2024-03-01\n');
    const failed = await runPulse(refresh, workspace.root);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('ERROR building marts.big_accounts');
    expect(failed.stderr).toContain('nothing was published');
    expect(await snapshot()).toEqual(before);
    expect(await leftovers()).toEqual([]);
  });
});
