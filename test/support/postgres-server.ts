// A throwaway PostgreSQL for the tests and the bench: `initdb` in a temp folder, started on a free port
// of 127.0.0.1 only (its Unix socket in the same folder), stopped and removed by `stop()`. Nothing listens
// beyond loopback, so the no-network rule holds. As root, initdb refuses to run: the server then runs as
// the `postgres` user that Debian's package creates (through `runuser`), owning the temp folder.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ThrowawayPostgres {
  /** `postgres://pulse@127.0.0.1:<port>/postgres` (trust authentication, loopback only). */
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  stop(): void;
}

export const POSTGRES_INSTALL_HINT = 'PostgreSQL is missing: run `sudo apt-get install -y postgresql`';

/** Settings of every throwaway server: durability buys nothing on a server removed at the end. */
export const THROWAWAY_SETTINGS: Readonly<Record<string, string>> = {
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
  max_connections: '200',
};

const hasServer = (dir: string) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'));

/**
 * The folder holding `initdb` and `pg_ctl`: PULSE_PG_BIN when set (and only it: a custom folder is the
 * user's), else the PATH, then Debian's versioned folders (/usr/lib/postgresql/<n>/bin, newest first).
 */
export function postgresBinDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.PULSE_PG_BIN) return hasServer(env.PULSE_PG_BIN) ? env.PULSE_PG_BIN : undefined;
  const candidates: string[] = [];
  candidates.push(...(env.PATH ?? '').split(':').filter(Boolean));
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((name) => /^\d+$/.test(name))
      .sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((version) => join(debian, version, 'bin')));
  }
  return candidates.find(hasServer);
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function userIds(name: string): { uid: number; gid: number } | undefined {
  try {
    const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    return undefined;
  }
}

/**
 * Starts the server; `settings` are extra server settings (`{ work_mem: '128MB' }`), e.g. for the bench.
 */
export async function startThrowawayPostgres(
  settings: Readonly<Record<string, string>> = {},
): Promise<ThrowawayPostgres> {
  const bin = postgresBinDir();
  if (!bin) throw new Error(POSTGRES_INSTALL_HINT);
  const root = mkdtempSync(join(tmpdir(), 'pulse-pg-'));
  const dataDir = join(root, 'data');
  let prefix: string[] = [];
  if (process.getuid?.() === 0) {
    const owner = userIds('postgres');
    if (!owner) throw new Error('Running as root and there is no `postgres` user to run the server as.');
    chownSync(root, owner.uid, owner.gid);
    prefix = ['runuser', '-u', 'postgres', '--'];
  }
  const run = (file: string, args: string[]) => {
    const command = [...prefix, join(bin, file), ...args];
    const result = spawnSync(command[0]!, command.slice(1), { encoding: 'utf8', cwd: root });
    if (result.status !== 0) {
      throw new Error(`${command.join(' ')} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
    }
  };
  run('initdb', ['-D', dataDir, '-U', 'pulse', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const port = await freeLoopbackPort();
  const options = [
    '-c listen_addresses=127.0.0.1',
    `-p ${port}`,
    `-k ${root}`,
    ...Object.entries({ ...THROWAWAY_SETTINGS, ...settings }).map(([name, value]) => `-c ${name}=${value}`),
  ].join(' ');
  run('pg_ctl', ['-D', dataDir, '-o', options, '-l', join(root, 'server.log'), '-w', 'start']);
  let stopped = false;
  return {
    url: `postgres://pulse@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
  };
}
