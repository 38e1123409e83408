// The real bundled `pulse` CLI with the repo's project, as a user runs it, from any folder.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from './site-build.js';

const run = promisify(execFile);

export interface PulseCliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `pulse <args>` in `cwd` with the @pulse/models project; resolves with the exit code and the output
 * (never throws). The test's own PULSE_* variables are left out, so only `env` sets any.
 */
export async function runPulseCli(
  cwd: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): Promise<PulseCliResult> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('PULSE_')),
  );
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      [join(REPO_ROOT, 'packages', 'core', 'bin', 'pulse.js'), ...args],
      {
        cwd,
        env: {
          ...inherited,
          PULSE_PROJECT: join(REPO_ROOT, 'packages', 'models', 'src', 'index.ts'),
          ...env,
        },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout = '', stderr = '' } = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof code === 'number' ? code : -1, stdout, stderr };
  }
}
