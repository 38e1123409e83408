import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PULSE_BIN = fileURLToPath(new URL('../../bin/pulse.js', import.meta.url));

/** The environment without PULSE_* variables, so a test's paths are only its flags. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('PULSE_')));
  return { ...env, NO_COLOR: '1', ...extra };
}

export interface Exited {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A real `pulse` process; `exited` resolves with its output, `waitFor` until stderr/stdout shows a text. */
export function startPulse(argv: readonly string[], cwd: string, env: Record<string, string> = {}) {
  const child: ChildProcess = spawn(process.execPath, [PULSE_BIN, ...argv], { cwd, env: cleanEnv(env) });
  let stdout = '';
  let stderr = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  const check = () => {
    for (const waiter of [...waiters])
      if (stdout.includes(waiter.text) || stderr.includes(waiter.text)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
  };
  child.stdout!.on('data', (chunk) => {
    stdout += chunk;
    check();
  });
  child.stderr!.on('data', (chunk) => {
    stderr += chunk;
    check();
  });
  const exited = new Promise<Exited>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  const waitFor = (text: string) =>
    new Promise<void>((resolve, reject) => {
      waiters.push({ text, resolve });
      check();
      void exited.then((end) =>
        reject(
          new Error(`pulse exited (${end.code}) before printing "${text}":\n${end.stdout}\n${end.stderr}`),
        ),
      );
    });
  return { child, exited, waitFor };
}

export async function runPulse(argv: readonly string[], cwd: string, env: Record<string, string> = {}) {
  return startPulse(argv, cwd, env).exited;
}

export async function sha256File(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
}

/**
 * name → sha256 of every file of a folder. Subfolders are left out: a marts folder's `previous/` and
 * `changes/` (packages/core/src/history/) describe the run history, not the marts, and are checked apart.
 */
export async function folderDigest(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) =>
    a.name.localeCompare(b.name),
  ))
    if (!entry.isDirectory()) out[entry.name] = await sha256File(join(dir, entry.name));
  return out;
}
