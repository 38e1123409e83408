// PULSE_REPORTS_DIST is emptied before each site build. `PULSE_REPORTS_DIST=.` deleted the site's sources,
// and a folder holding a warehouse, its marts and a user's notes was emptied (the build then exited 0).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_DIR } from '../scripts/lib/paths.js';
import { unsafeSiteOutput } from '../scripts/lib/site-output.js';

let root;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'pulse-site-output-'));
  await mkdir(join(root, 'empty'));
  await mkdir(join(root, 'site', '_observablehq'), { recursive: true });
  await writeFile(join(root, 'site', 'index.html'), 'old site');
  await mkdir(join(root, 'work', 'marts'), { recursive: true });
  await writeFile(join(root, 'work', 'notes.txt'), 'mine');
  await writeFile(join(root, 'a-file'), 'x');
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('the folder a site build may empty', () => {
  it('is a new folder, an empty one, or an earlier site build', () => {
    expect(unsafeSiteOutput(join(root, 'new'), APP_DIR)).toBeUndefined();
    expect(unsafeSiteOutput(join(root, 'empty'), APP_DIR)).toBeUndefined();
    expect(unsafeSiteOutput(join(root, 'site'), APP_DIR)).toBeUndefined();
    expect(unsafeSiteOutput(join(APP_DIR, 'dist-test-new'), APP_DIR)).toBeUndefined();
  });

  it("is never the site's folder, its sources or a folder above them, nor a folder of other files", () => {
    expect(unsafeSiteOutput(APP_DIR, APP_DIR)).toMatch(/holds the site's own sources/);
    expect(unsafeSiteOutput(join(APP_DIR, '..'), APP_DIR)).toMatch(/holds the site's own sources/);
    expect(unsafeSiteOutput('/', APP_DIR)).toMatch(/holds the site's own sources/);
    expect(unsafeSiteOutput(join(APP_DIR, 'src'), APP_DIR)).toMatch(
      /neither empty nor an earlier site build/,
    );
    expect(unsafeSiteOutput(join(root, 'work'), APP_DIR)).toBe(
      `${join(root, 'work')} is neither empty nor an earlier site build (it holds marts, notes.txt)`,
    );
    expect(unsafeSiteOutput(join(root, 'a-file'), APP_DIR)).toMatch(/is a file, not a folder/);
  });
});

describe('prepare-build.js', () => {
  it('refuses a PULSE_REPORTS_DIST of other files (exit 2, saying what to do) and leaves them', async () => {
    const run = promisify(execFile)(process.execPath, [join(APP_DIR, 'scripts', 'prepare-build.js')], {
      cwd: APP_DIR,
      env: { ...process.env, PULSE_REPORTS_DIST: join(root, 'work') },
    });
    await expect(run).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('Point PULSE_REPORTS_DIST at a new or empty folder'),
    });
    expect(existsSync(join(root, 'work', 'notes.txt'))).toBe(true);
  });
});
