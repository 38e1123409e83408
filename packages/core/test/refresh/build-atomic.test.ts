import { appendFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TINY_PROJECT_MODULE, tinyWorkspace } from '../support/tiny-project.js';
import { folderDigest, runPulse, sha256File, startPulse } from './spawn-pulse.js';

describe('pulse build publishes the warehouse and the marts together', () => {
  let workspace: Awaited<ReturnType<typeof tinyWorkspace>>;
  const build = ['build', '--project', TINY_PROJECT_MODULE];
  const dataDir = () => join(workspace.root, 'data');
  const warehouse = () => join(dataDir(), 'warehouse.duckdb');
  const marts = () => join(dataDir(), 'marts');
  const snapshot = async () => ({
    warehouse: await sha256File(warehouse()),
    marts: await folderDigest(marts()),
  });
  const leftovers = async () =>
    (await readdir(dataDir())).filter(
      (name) => !['raw', 'marts', 'warehouse.duckdb', 'pulse-runs.jsonl'].includes(name),
    );

  beforeEach(async () => {
    workspace = await tinyWorkspace();
    expect((await runPulse(build, workspace.root)).code).toBe(0);
  });
  afterEach(() => workspace.cleanup());

  it.each(['exported', 'built', 'staged'])(
    'kill -9 at "%s" leaves the previous warehouse and marts unchanged',
    async (step) => {
      const before = await snapshot();
      await appendFile(join(dataDir(), 'raw', 'accounts.csv'), 'a9,smb,120,2024-03-01\n');
      const run = startPulse(build, workspace.root, { PULSE_TEST_PAUSE_AT: step });
      await run.waitFor(`paused at ${step}`);
      run.child.kill('SIGKILL');
      await run.exited;
      expect(await snapshot()).toEqual(before);
    },
  );

  it('the next build removes what killed builds left behind', async () => {
    await appendFile(join(dataDir(), 'raw', 'accounts.csv'), 'a9,smb,120,2024-03-01\n');
    const run = startPulse(build, workspace.root, { PULSE_TEST_PAUSE_AT: 'built' });
    await run.waitFor('paused at built');
    run.child.kill('SIGKILL');
    await run.exited;
    expect(await leftovers()).not.toEqual([]);
    const next = await runPulse(build, workspace.root);
    expect(next.code).toBe(0);
    expect(await leftovers()).toEqual([]);
  });

  it('a --select build keeps the marts it does not rebuild', async () => {
    const before = await folderDigest(marts());
    const selected = await runPulse([...build, '--select', 'stg_accounts'], workspace.root);
    expect(selected.code).toBe(0);
    expect(await folderDigest(marts())).toEqual(before);
    expect(await leftovers()).toEqual([]);
  });
});
