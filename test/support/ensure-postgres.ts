// Makes sure the PostgreSQL suites can start a throwaway server, like ensure-chromium.ts does for the
// browser: `npm test` runs it first as a script, and the PostgreSQL projects use `setup/postgres.ts` as their
// globalSetup. Missing and installable (root or passwordless sudo, apt-get) → `apt-get install -y
// postgresql`, saying so; otherwise one line with the command to run, and exit 1.
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { POSTGRES_INSTALL_HINT, postgresBinDir } from './postgres-server.js';

const succeeds = (file: string, args: string[]) => {
  try {
    execFileSync(file, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

function installPrefix(): string[] | undefined {
  if (process.env.PULSE_SETUP_AS_USER === '1') return undefined;
  if (!succeeds('sh', ['-c', 'command -v apt-get'])) return undefined;
  if (process.getuid?.() === 0) return [];
  if (succeeds('sudo', ['-n', 'true'])) return ['sudo', '-n'];
  return undefined;
}

/** Returns when initdb and pg_ctl are there (installing them if it may); otherwise one line and exit 1. */
export function ensurePostgres(): void {
  if (postgresBinDir()) return;
  if (process.env.PULSE_PG_BIN) {
    console.error(`PostgreSQL is missing: no initdb and pg_ctl in PULSE_PG_BIN=${process.env.PULSE_PG_BIN}`);
    process.exit(1);
  }
  const prefix = installPrefix();
  if (prefix) {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    for (const args of [
      ['apt-get', 'update', '-qq'],
      ['apt-get', 'install', '-y', '-qq', 'postgresql'],
    ]) {
      const command = [...prefix, ...args];
      console.log(`PostgreSQL is missing: running \`${command.join(' ')}\``);
      if (spawnSync(command[0]!, command.slice(1), { stdio: 'inherit', env }).status !== 0) break;
    }
    if (postgresBinDir()) return;
  }
  console.error(POSTGRES_INSTALL_HINT);
  process.exit(1);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) ensurePostgres();
