// Builds the report site from any marts/target pair, the way users do (`npm run build -w @pulse/reports`),
// into any dist folder. Offline when the machine allows it (`unshare -rn`), to prove the build needs
// no network. The data folders are parameters: any `pulse build` output (test/support/site-fixtures.ts).
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { shareNodeCache } from './site-node-cache.js';

const run = promisify(execFile);
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const REPORTS_DIR = join(REPO_ROOT, 'apps', 'reports');

export interface SiteInputs {
  /** Folder of <mart>.parquet files. */
  readonly martsDir: string;
  /** Folder holding run_results.json and manifest.json. */
  readonly targetDir: string;
}

export interface SiteBuild {
  readonly distDir: string;
  readonly ms: number;
  readonly offline: boolean;
  readonly output: string;
}

let unshareWorks: boolean | undefined;
/** Whether this machine lets an unprivileged process drop its network (user + net namespaces). */
export function canRunOffline(): boolean {
  if (unshareWorks === undefined) {
    try {
      execFileSync('unshare', ['-rn', 'true'], { stdio: 'ignore' });
      unshareWorks = true;
    } catch {
      unshareWorks = false;
    }
  }
  return unshareWorks;
}

/** Builds the site in siteDir (apps/reports, or a private copy from site-copy.ts) into distDir. */
export async function buildSite(
  inputs: SiteInputs,
  distDir: string,
  siteDir: string = REPORTS_DIR,
): Promise<SiteBuild> {
  const env = {
    ...process.env,
    PULSE_MARTS_DIR: inputs.martsDir,
    PULSE_ARTIFACTS_DIR: inputs.targetDir,
    PULSE_REPORTS_DIST: distDir,
  };
  // `npm run build` in the site folder: the same script users run, with the repo's node_modules/.bin.
  const command = ['npm', 'run', 'build'];
  const offline = canRunOffline();
  const [file, ...args] = offline ? ['unshare', '-rn', ...command] : command;
  const started = performance.now();
  const { stdout, stderr } = await run(file!, args, { cwd: siteDir, env, maxBuffer: 64 * 1024 * 1024 });
  shareNodeCache(siteDir);
  return { distDir, ms: performance.now() - started, offline, output: stdout + stderr };
}

/**
 * The bundled sample built by the real pipeline, in a throwaway workspace (pulse writes data/marts and
 * target/ under the nearest package.json with `workspaces`), so tests never touch the repo's own output.
 * `pulse build` exits 1 when a model fails but still publishes; the site must then show the banners.
 * `settings` are config keys laid over the sample's data/pulse.config.json (in a copy under root).
 */
export async function buildSampleProject(
  root: string,
  extraEnv: NodeJS.ProcessEnv = {},
  settings: Readonly<Record<string, unknown>> = {},
): Promise<SiteInputs> {
  mkdirSync(root, { recursive: true });
  writeFileSync(
    join(root, 'package.json'),
    '{ "name": "pulse-site-sample", "private": true, "workspaces": [] }\n',
  );
  let config = join(REPO_ROOT, 'data', 'pulse.config.json');
  if (Object.keys(settings).length > 0) {
    const { $schema: _schema, ...sample } = JSON.parse(readFileSync(config, 'utf8'));
    config = join(root, 'pulse.config.json');
    writeFileSync(config, `${JSON.stringify({ ...sample, ...settings }, null, 2)}\n`);
  }
  const args = [
    join(REPO_ROOT, 'packages', 'core', 'bin', 'pulse.js'),
    'build',
    '--data',
    join(REPO_ROOT, 'data', 'raw'),
    '--config',
    config,
    '--warehouse',
    join(root, 'data', 'warehouse.duckdb'),
  ];
  const env = {
    ...process.env,
    PULSE_PROJECT: join(REPO_ROOT, 'packages', 'models', 'src', 'index.ts'),
    ...extraEnv,
  };
  try {
    await run(process.execPath, args, { cwd: root, env, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    if (!existsSync(join(root, 'target', 'run_results.json'))) throw error;
  }
  return { martsDir: join(root, 'data', 'marts'), targetDir: join(root, 'target') };
}
