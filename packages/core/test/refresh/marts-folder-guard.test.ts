import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  checkArtifactsFolder,
  checkMartsFolder,
  ForeignMartsFolderError,
} from '../../src/refresh/marts-folder-guard.js';
import { tempDir } from '../support/temp-warehouse.js';
import { TINY_PROJECT_MODULE, tinyWorkspace } from '../support/tiny-project.js';
import { runPulse } from './spawn-pulse.js';

/** Writes each `relative path → text` under dir, making the folders on the way. */
async function writeTree(dir: string, files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), text);
  }
}

describe('a marts folder Pulse may publish over', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir('pulse-marts-guard-'));
  });
  afterEach(() => cleanup());

  it('is absent, empty, or holds only Parquet marts, changes/ and previous/ of Parquet files (and Finder’s .DS_Store)', async () => {
    await checkMartsFolder(join(dir, 'not-yet'));
    const marts = join(dir, 'marts');
    await mkdir(marts);
    await checkMartsFolder(marts);
    await writeTree(marts, {
      'mrr_monthly.parquet': 'x',
      'changes/values.parquet': 'x',
      'previous/mrr_monthly.parquet': 'x',
      '.DS_Store': 'x',
      'previous/.DS_Store': 'x',
    });
    await checkMartsFolder(marts);
  });

  it('is refused, naming what Pulse did not write, when it holds anything else', async () => {
    const marts = join(dir, 'marts');
    await writeTree(marts, {
      'mrr_monthly.parquet': 'x',
      'thesis.txt': 'mine',
      'notes/todo.md': 'mine',
      'changes/readme.txt': 'mine',
      '.git/HEAD': 'mine',
    });
    const refusal = checkMartsFolder(marts);
    await expect(refusal).rejects.toThrow(ForeignMartsFolderError);
    await expect(refusal).rejects.toThrow(
      `The marts folder ${marts} holds what Pulse did not write there: .git/, changes/readme.txt, notes/, thesis.txt. ` +
        'Publishing replaces the whole folder, which would delete them, so nothing was built. Point --marts ' +
        '(or PULSE_MARTS_DIR) at a new or empty folder, or move those files out.',
    );
  });

  it('names five entries and counts the rest', async () => {
    const marts = join(dir, 'marts');
    await writeTree(
      marts,
      Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((n) => [`${n}.csv`, n])),
    );
    await expect(checkMartsFolder(marts)).rejects.toThrow(': a.csv, b.csv, c.csv, d.csv, e.csv and 2 more.');
  });

  it('is refused when it is a file', async () => {
    const file = join(dir, 'report.xlsx');
    await writeFile(file, 'mine');
    await expect(checkMartsFolder(file)).rejects.toThrow(`The marts folder ${file} is a file, not a folder.`);
  });

  // --artifacts naming a file failed (EEXIST, exit 1) only after the warehouse and marts were published.
  it('is refused as the artifacts folder when it is a file; a folder, or none yet, is fine', async () => {
    const file = join(dir, 'notes.txt');
    await writeFile(file, 'mine');
    await expect(checkArtifactsFolder(file)).rejects.toThrow(
      `The artifacts folder ${file} is a file, not a folder.`,
    );
    await checkArtifactsFolder(dir);
    await checkArtifactsFolder(join(dir, 'target'));
  });
});

describe('pulse build and pulse refresh into a folder of the user’s', () => {
  let workspace: Awaited<ReturnType<typeof tinyWorkspace>>;
  const project = ['--project', TINY_PROJECT_MODULE];
  beforeEach(async () => {
    workspace = await tinyWorkspace();
  });
  afterEach(() => workspace.cleanup());

  // Publishing swapped the whole folder for the staged one: `--marts ~/Documents` deleted the user's files.
  it('exit 2 before any work and leave the folder as it was', async () => {
    const mine = join(workspace.root, 'documents');
    await writeTree(mine, { 'thesis.txt': 'years of work' });
    const built = await runPulse(['build', ...project, '--marts', mine], workspace.root);
    expect(built.code).toBe(2);
    expect(built.stderr).toContain('holds what Pulse did not write there: thesis.txt');
    const refreshed = await runPulse(['refresh', ...project, '--marts', mine], workspace.root);
    expect(refreshed.code).toBe(2);
    expect(refreshed.stderr).toContain('holds what Pulse did not write there: thesis.txt');
    expect(await readdir(mine)).toEqual(['thesis.txt']);
    expect(await readFile(join(mine, 'thesis.txt'), 'utf8')).toBe('years of work');
    // Nothing was staged or published: no warehouse, and no staged marts folder beside the user's.
    expect(existsSync(join(workspace.root, 'data', 'warehouse.duckdb'))).toBe(false);
    expect((await readdir(workspace.root)).filter((name) => name.startsWith('documents.'))).toEqual([]);
  });

  it('publish again into the folder they published before', async () => {
    const marts = join(workspace.root, 'out', 'marts');
    expect((await runPulse(['build', ...project, '--marts', marts], workspace.root)).code).toBe(0);
    expect((await runPulse(['refresh', ...project, '--marts', marts, '--force'], workspace.root)).code).toBe(
      0,
    );
    expect((await runPulse(['build', ...project, '--marts', marts], workspace.root)).code).toBe(0);
    expect(await readdir(marts)).toContain('big_accounts.parquet');
  });
});
