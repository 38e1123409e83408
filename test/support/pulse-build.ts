// `pulse build` as a user runs it: a child process in its own scratch project root (a package.json with
// no workspaces, so the CLI does not climb to this repository), the customer-success models, and no
// PostgreSQL target inherited from the test's environment unless the arguments give one.
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from './site-build.js';

const run = promisify(execFile);
const PULSE = join(REPO_ROOT, 'packages', 'core', 'bin', 'pulse.js');
const MODELS = join(REPO_ROOT, 'packages', 'models', 'src', 'index.ts');

export interface PulseBuild {
  /** The scratch project root; the warehouse is `<root>/wh.duckdb`. */
  readonly root: string;
  /** The exit code: 0, or the CLI's failure code. */
  readonly code: number;
  /** stdout and stderr, in that order. */
  readonly output: string;
}

export interface PulseBuildOptions {
  /** Variables added to the test's environment (e.g. `PULSE_TARGET`). */
  readonly env?: NodeJS.ProcessEnv;
  /** The command that reads `--data` and `--warehouse`: `build` unless given (e.g. `refresh`). */
  readonly command?: string;
}

/** Builds `dataDir` into `<parent>/<name>/wh.duckdb`; never throws on a failed build (see `code`). */
export async function pulseBuildIn(
  parent: string,
  name: string,
  dataDir: string,
  args: readonly string[],
  { env = {}, command = 'build' }: PulseBuildOptions = {},
): Promise<PulseBuild> {
  const root = join(parent, name);
  mkdirSync(root, { recursive: true });
  writeFileSync(
    join(root, 'package.json'),
    `{ "name": "pulse-${name}", "private": true, "workspaces": [] }\n`,
  );
  const argv = [PULSE, command, '--data', dataDir, '--warehouse', join(root, 'wh.duckdb'), ...args];
  const options = {
    cwd: root,
    env: { ...process.env, PULSE_PROJECT: MODELS, PULSE_TARGET: '', ...env },
    maxBuffer: 64 * 1024 * 1024,
  };
  try {
    const { stdout, stderr } = await run(process.execPath, argv, options);
    return { root, code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { root, code: failed.code, output: failed.stdout + failed.stderr };
  }
}
