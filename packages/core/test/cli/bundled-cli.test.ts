import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const CORE = fileURLToPath(new URL('../..', import.meta.url));
const REPO = join(CORE, '..', '..');
// Inside the repository, so the copy finds the workspace's node_modules (kysely, DuckDB, tsx, esbuild).
const COPY = join(REPO, '.tmp', `bundled-cli-${process.pid}`, 'core');
const PROBE = join(COPY, '..', 'probe-project.ts');

afterAll(() => rmSync(join(COPY, '..'), { recursive: true, force: true }));

async function run(file: string, args: string[], env: Record<string, string> = {}) {
  const { stdout, stderr } = await promisify(execFile)(process.execPath, [file, ...args], {
    cwd: COPY,
    env: { ...process.env, ...env, NO_COLOR: '1' },
  });
  return { stdout, stderr };
}

/** Where `@pulse/core` resolved for a project the CLI at COPY loaded (printed by the probe). */
async function coreSeenByProject(env: Record<string, string> = {}): Promise<string> {
  const { stderr } = await run(join(COPY, 'bin', 'pulse.js'), ['ls', '--project', PROBE], env);
  return /PROBE (\S+)/.exec(stderr)?.[1] ?? `no probe line in: ${stderr}`;
}

// A copy of the package, bundled in place: the repository's own dist/ is left to `turbo build`.
describe('the bundled pulse CLI (dist/bundle)', () => {
  it('runs while newer than the sources, with projects resolving @pulse/core to that same bundle', async () => {
    mkdirSync(COPY, { recursive: true });
    for (const part of ['bin', 'src', 'scripts', 'package.json'])
      cpSync(join(CORE, part), join(COPY, part), { recursive: true });
    writeFileSync(
      PROBE,
      [
        "import project from '@pulse/models';",
        "console.error('PROBE', import.meta.resolve('@pulse/core'));",
        'export default project;',
        '',
      ].join('\n'),
    );
    await run(join(COPY, 'scripts', 'bundle-cli.mjs'), []);
    // The models package imports `@pulse/core` too: the hook sends it to the bundle, one engine copy.
    expect(await coreSeenByProject()).toBe(`file://${join(COPY, 'dist', 'bundle', 'index.js')}`);
    // The version is read relative to the bundle's modules: still the package's.
    const { stdout } = await run(join(COPY, 'bin', 'pulse.js'), ['--version']);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  }, 120_000);

  it('falls back to the TypeScript sources when one is newer than the bundle, or when asked to', async () => {
    // From the sources, the probe's `@pulse/core` is the workspace package (packages/core/src).
    const sources = `file://${join(CORE, 'src', 'index.ts')}`;
    expect(await coreSeenByProject({ PULSE_FROM_SOURCE: '1' })).toBe(sources);
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(COPY, 'src', 'errors.ts'), later, later);
    expect(await coreSeenByProject()).toBe(sources);
  }, 120_000);
});
