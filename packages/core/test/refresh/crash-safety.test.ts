import { existsSync } from 'node:fs';
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TINY_PROJECT_MODULE, tinyWorkspace } from '../support/tiny-project.js';
import { publishedPair } from './published-pair.js';
import { runPulse, startPulse } from './spawn-pulse.js';

describe('pulse refresh is atomic', () => {
  let workspace: Awaited<ReturnType<typeof tinyWorkspace>>;
  const refresh = ['refresh', '--project', TINY_PROJECT_MODULE];
  const { dataDir, warehouse, snapshot, accountIds, leftovers } = publishedPair(() => workspace.root);

  beforeEach(async () => {
    workspace = await tinyWorkspace();
    expect((await runPulse(refresh, workspace.root)).code).toBe(0);
  });
  afterEach(() => workspace.cleanup());
  /** rows_loaded of accounts in the published target/run_results.json. */
  const accountsLoaded = async () => {
    const results = JSON.parse(await readFile(join(workspace.root, 'target', 'run_results.json'), 'utf8'));
    return results.sources.find((source: { name: string }) => source.name === 'accounts').rows_loaded;
  };

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
    // The artifacts are the killed run's, published with its warehouse: they were written after the
    // publish, so the killed run left the previous run's, and "Up to date" never rewrote them.
    expect(await accountsLoaded()).toBe(5);
  });

  it('an artifacts folder that cannot be made fails the run with nothing published; the next run writes them', async () => {
    const before = await snapshot();
    const artifactsBefore = await accountsLoaded();
    await appendFile(join(dataDir(), 'raw', 'accounts.csv'), 'a9,smb,120,2024-03-01\n');
    await writeFile(join(workspace.root, 'not-a-folder'), '');
    const failed = await runPulse(
      [...refresh, '--artifacts', join(workspace.root, 'not-a-folder', 'target')],
      workspace.root,
    );
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('not-a-folder');
    expect(await snapshot()).toEqual(before);
    expect(await accountsLoaded()).toBe(artifactsBefore);
    expect(await leftovers()).toEqual([]);
    const next = await runPulse(refresh, workspace.root);
    expect({ code: next.code, stderr: next.stderr }).toEqual({ code: 0, stderr: '' });
    expect(await accountsLoaded()).toBe(5);
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
