import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TINY_PROJECT_MODULE, tinyWorkspace } from '../support/tiny-project.js';
import { publishedPair } from './published-pair.js';
import { folderDigest, runPulse, startPulse } from './spawn-pulse.js';

describe('pulse build publishes the warehouse and the marts together', () => {
  let workspace: Awaited<ReturnType<typeof tinyWorkspace>>;
  const build = ['build', '--project', TINY_PROJECT_MODULE];
  const { dataDir, marts, snapshot, leftovers } = publishedPair(() => workspace.root);

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
