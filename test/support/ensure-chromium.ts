// Makes sure the browser suites can start Chromium, before anything slow runs: `npm test` calls it
// first (as a script) and the browser projects call it again as their vitest globalSetup, so running
// one project directly works on a fresh machine too. Missing and installable (root or passwordless
// sudo) → apt-get install, saying so; otherwise one line with the command to run, and exit 1.
// PULSE_SETUP_AS_USER=1 pretends to be a user without sudo (to test that line on a root machine).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CHROMIUM, type ChromiumPlan, chromiumPlan, INSTALL_HINT, type MachineFacts } from './chromium.js';

const succeeds = (file: string, args: string[]) => {
  try {
    execFileSync(file, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

export function machineFacts(env: NodeJS.ProcessEnv = process.env): MachineFacts {
  const asUser = env.PULSE_SETUP_AS_USER === '1';
  const exists = existsSync(CHROMIUM);
  return {
    executable: CHROMIUM,
    exists,
    apt: !exists && succeeds('sh', ['-c', 'command -v apt-get']),
    root: !asUser && process.getuid?.() === 0,
    sudo: !asUser && !exists && succeeds('sudo', ['-n', 'true']),
  };
}

function install(plan: Extract<ChromiumPlan, { kind: 'install' }>): boolean {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['apt-get', 'update', '-qq'],
    ['apt-get', 'install', '-y', '-qq', 'chromium'],
  ]) {
    const command = [...plan.prefix, ...args];
    console.log(`Chromium is missing: running \`${command.join(' ')}\``);
    const result = spawnSync(command[0]!, command.slice(1), { stdio: 'inherit', env });
    if (result.status !== 0) return false;
  }
  return existsSync(CHROMIUM);
}

/** Returns when Chromium is there (installing it if it may); otherwise prints one line and exits 1. */
export function ensureChromium(): void {
  const plan = chromiumPlan(machineFacts());
  if (plan.kind === 'present') return;
  if (plan.kind === 'install' && install(plan)) return;
  console.error(plan.kind === 'missing' ? plan.message : INSTALL_HINT);
  process.exit(1);
}

/** vitest globalSetup entry. */
export default function setup(): void {
  ensureChromium();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) ensureChromium();
