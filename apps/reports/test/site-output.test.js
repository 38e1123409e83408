// The site is built beside PULSE_REPORTS_DIST and replaces it only once whole. It was emptied before each
// build: `PULSE_REPORTS_DIST=.` deleted the site's sources, a folder holding a warehouse, its marts and a
// user's notes was emptied (the build then exited 0), and a build that failed in Framework left no site.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_DIR } from '../scripts/lib/paths.js';
import { siteOutputFolders, unsafeSiteFolders, unsafeSiteOutput } from '../scripts/lib/site-output.js';

let root;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'pulse-site-output-'));
  await mkdir(join(root, 'empty'));
  await mkdir(join(root, 'site', '_observablehq'), { recursive: true });
  await writeFile(join(root, 'site', 'index.html'), 'old site');
  await mkdir(join(root, 'work', 'marts'), { recursive: true });
  await writeFile(join(root, 'work', 'notes.txt'), 'mine');
  await writeFile(join(root, 'a-file'), 'x');
  await mkdir(join(root, 'taken.next', 'mine'), { recursive: true });
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

describe('the folders of a site build', () => {
  it('are the published site, the one it is built into beside it, and the one it is moved out to', () => {
    expect(siteOutputFolders({ PULSE_REPORTS_DIST: join(root, 'site') }, APP_DIR)).toEqual({
      published: join(root, 'site'),
      staging: join(root, 'site.next'),
      retired: join(root, 'site.old'),
    });
    expect(siteOutputFolders({}, APP_DIR).published).toBe(join(APP_DIR, 'dist'));
  });

  it('are refused when the one built into is a folder of other files', () => {
    expect(unsafeSiteFolders(siteOutputFolders({ PULSE_REPORTS_DIST: join(root, 'taken') }, APP_DIR))).toBe(
      `${join(root, 'taken.next')} is neither empty nor an earlier site build (it holds mine); if it is a site build that stopped half way, delete it`,
    );
  });
});

describe('a site build', () => {
  const exec = promisify(execFile);
  /** A published site with a page of its own, and an empty marts folder (the build shows empty pages). */
  async function earlierSite(name) {
    const folder = join(root, name);
    await mkdir(join(folder, '_observablehq'), { recursive: true });
    await writeFile(join(folder, 'index.html'), 'the last site');
    await mkdir(join(root, `${name}-marts`), { recursive: true });
    return folder;
  }

  it('that fails in Framework leaves the last site as it was', async () => {
    const site = await earlierSite('crashing');
    // Framework ends at its start, as a crash or a kill would end it: the build fails after the data was read.
    const crash = join(root, 'framework-crashes.mjs');
    await writeFile(
      crash,
      "if (/observable(\\.js)?$/.test(process.argv[1] ?? '')) { console.error('Framework crashed'); process.exit(70); }\n",
    );
    const env = {
      ...process.env,
      PULSE_MARTS_DIR: join(root, 'crashing-marts'),
      PULSE_REPORTS_DIST: site,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${crash}`,
    };
    const build = exec('npm', ['run', 'build'], { cwd: APP_DIR, env });
    await expect(build).rejects.toMatchObject({ stderr: expect.stringContaining('Framework crashed') });
    expect(readFileSync(join(site, 'index.html'), 'utf8')).toBe('the last site');
    // Framework stopped half way leaves what it wrote in the staging folder, with no `_observablehq/`: the
    // next build empties it as its own (it was refused as "neither empty nor an earlier site build").
    await mkdir(join(`${site}.next`, '_file'), { recursive: true });
    await writeFile(join(`${site}.next`, '_file', 'part.json'), '{}');
    await expect(exec('npm', ['run', 'build'], { cwd: APP_DIR, env })).rejects.toMatchObject({
      stderr: expect.stringContaining('Framework crashed'),
    });
    expect(existsSync(join(`${site}.next`, '_file'))).toBe(false);
    expect(readFileSync(join(site, 'index.html'), 'utf8')).toBe('the last site');
  });

  it('replaces the last site whole once built, and leaves nothing beside it', async () => {
    const site = await earlierSite('published');
    const staging = join(root, 'published.next');
    await mkdir(join(staging, '_observablehq'), { recursive: true });
    await writeFile(join(staging, 'index.html'), 'the new site');
    await exec(process.execPath, [join(APP_DIR, 'scripts', 'publish-site.js')], {
      cwd: APP_DIR,
      env: { ...process.env, PULSE_REPORTS_DIST: site },
    });
    expect(readFileSync(join(site, 'index.html'), 'utf8')).toBe('the new site');
    expect(existsSync(staging)).toBe(false);
    expect(existsSync(join(root, 'published.old'))).toBe(false);
  });
});

/** Whether this machine lets an unprivileged process bind-mount in a namespace of its own. */
function canMount() {
  try {
    execFileSync('unshare', ['-rm', 'true'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('publishing into a site folder that is a mount point', () => {
  // A container volume or a bind mount a web server reads cannot be renamed (EBUSY): every build failed
  // after Framework had finished, where building into the folder itself had worked.
  it.skipIf(!canMount())('replaces its contents', async () => {
    const volume = join(root, 'volume');
    const site = join(root, 'mounted');
    await mkdir(join(volume, '_observablehq'), { recursive: true });
    await writeFile(join(volume, 'index.html'), 'the last site');
    await mkdir(site);
    await mkdir(join(`${site}.next`, '_observablehq'), { recursive: true });
    await writeFile(join(`${site}.next`, 'index.html'), 'the new site');
    const script = `mount --bind "$0" "$1" && node "$2"`;
    await promisify(execFile)(
      'unshare',
      ['-rm', 'sh', '-c', script, volume, site, join(APP_DIR, 'scripts', 'publish-site.js')],
      {
        cwd: APP_DIR,
        env: { ...process.env, PULSE_REPORTS_DIST: site },
      },
    );
    expect(readFileSync(join(volume, 'index.html'), 'utf8')).toBe('the new site');
    expect(existsSync(`${site}.next`)).toBe(false);
  });
});
