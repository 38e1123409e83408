import { existsSync } from 'node:fs';
import { appendFile, copyFile, cp, readdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { settlePreviousRuns } from '../../src/state/settle-previous-runs.js';
import { TINY_PROJECT_MODULE, tinyWorkspace } from '../support/tiny-project.js';
import { publishedPair } from './published-pair.js';
import { runPulse, sha256File, startPulse } from './spawn-pulse.js';

/** A journal left by a killed run must never roll its warehouse over a newer publish. */
describe('a pending publish journal', () => {
  let workspace: Awaited<ReturnType<typeof tinyWorkspace>>;
  const project = ['--project', TINY_PROJECT_MODULE];
  const { dataDir, warehouse, snapshot, accountIds } = publishedPair(() => workspace.root);
  const killRefreshAtPublishing = async () => {
    await appendFile(join(dataDir(), 'raw', 'accounts.csv'), 'a9,smb,120,2024-03-01\n');
    const run = startPulse(['refresh', ...project], workspace.root, { PULSE_TEST_PAUSE_AT: 'publishing' });
    await run.waitFor('paused at publishing');
    run.child.kill('SIGKILL');
    await run.exited;
    expect(existsSync(`${warehouse()}.publishing`)).toBe(true);
  };

  beforeEach(async () => {
    workspace = await tinyWorkspace();
    expect((await runPulse(['refresh', ...project], workspace.root)).code).toBe(0);
  });
  afterEach(() => workspace.cleanup());

  it('is settled by pulse build, so a later failing refresh cannot roll the killed refresh over the build', async () => {
    const other = join(workspace.root, 'other-exports');
    await cp(join(dataDir(), 'raw'), other, { recursive: true });
    await appendFile(join(other, 'accounts.csv'), 'a7,smb,130,2024-03-02\n');
    await killRefreshAtPublishing();
    const built = await runPulse(['build', ...project, '--data', other], workspace.root);
    expect(built.code).toBe(0);
    const afterBuild = await snapshot();
    expect(await accountIds()).toEqual(['a1', 'a2', 'a3', 'a4', 'a7']);

    await appendFile(join(dataDir(), 'raw', 'accounts.csv'), 'a5,smb,500000,2024-03-01\n');
    // Named: the build read another folder, which a refresh without --data would refuse to leave.
    const failed = await runPulse(['refresh', ...project, '--data', join(dataDir(), 'raw')], workspace.root);
    expect(failed.code).toBe(1);
    expect(await snapshot()).toEqual(afterBuild);
    expect(await accountIds()).toEqual(['a1', 'a2', 'a3', 'a4', 'a7']);
  });

  it('is dropped, not rolled forward, when another warehouse was published after it', async () => {
    const backup = join(workspace.root, 'backup.duckdb');
    await copyFile(warehouse(), backup);
    await killRefreshAtPublishing();
    // Published by other means (a restore from backup, an older pulse): a new file renamed in.
    await copyFile(backup, `${warehouse()}.restore`);
    await rename(`${warehouse()}.restore`, warehouse());
    const restored = await sha256File(warehouse());

    const warnings: string[] = [];
    await settlePreviousRuns(workspace.paths, { onWarning: (line) => warnings.push(line) });
    expect(await sha256File(warehouse())).toBe(restored);
    expect(await accountIds()).toEqual(['a1', 'a2', 'a3', 'a4']);
    expect(warnings.join('\n')).toContain('newer');
    expect(
      (await readdir(dataDir())).filter(
        (name) => name.includes('.building-') || name.includes('.publishing'),
      ),
    ).toEqual([]);
    // The dropped run's staged artifacts go with it: the published ones stay the restored run's.
    expect(
      (await readdir(join(workspace.root, 'target'))).filter((name) => name.includes('.partial-')),
    ).toEqual([]);
  });

  it('that is damaged stops every run with what to do, not a stack trace', async () => {
    for (const junk of ['{bad', '', '[]']) {
      await writeFile(`${warehouse()}.publishing`, junk);
      const refreshed = await runPulse(['refresh', ...project], workspace.root);
      expect(refreshed.code, junk).toBe(1);
      expect(refreshed.stderr, junk).toContain(`publish journal ${warehouse()}.publishing cannot be read`);
      expect(refreshed.stderr, junk).toContain('remove the file and run `pulse build`');
      expect(refreshed.stderr, junk).not.toContain('a bug');
    }
  });
});
