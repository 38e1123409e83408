// `tsx bench/engines.ts --data DIR [--out DIR]`: the same export folder built by `pulse build` on DuckDB
// and on PostgreSQL (a throwaway server on loopback, started here with work_mem and shared_buffers a
// one-node warehouse would get, stopped at the end), on the same machine: wall time, the CLI's CPU
// (user + sys) and, for PostgreSQL, the server's CPU (its backends, from the postmaster's reaped-children
// times), then whether the marts are equal (numbers to 1e-9 relative). Run it under the heavy-job lock.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { compareMartFolders } from '../test/support/compare-marts.js';
import { startThrowawayPostgres } from '../test/support/postgres-server.js';
import { REPO_ROOT } from './paths.js';

const PULSE = join(REPO_ROOT, 'packages', 'core', 'bin', 'pulse.js');

function flag(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const data = flag('data');
if (!data) {
  console.error('Usage: tsx bench/engines.ts --data DIR [--out DIR]');
  process.exit(2);
}
const out = flag('out') ?? join(REPO_ROOT, 'bench', '.cache', 'engines');
const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** CPU seconds of the postmaster's exited children (the backends that served the build). */
function serverCpu(dataDir: string): number {
  const pid = readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]!;
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) / ticks;
}

interface Run {
  readonly engine: string;
  readonly code: number | null;
  readonly wall: number;
  readonly user: number;
  readonly sys: number;
  readonly maxRssMb: number;
  readonly serverCpu: number;
}

function build(engine: 'duckdb' | 'postgres', target?: string, dataDir?: string): Run {
  const dir = join(out, engine);
  rmSync(dir, { recursive: true, force: true });
  const engineArgs = engine === 'postgres' ? ['--engine', 'postgres', '--target', target!] : [];
  const before = dataDir ? serverCpu(dataDir) : 0;
  const result = spawnSync(
    '/usr/bin/time',
    [
      '-f',
      'TIME %e %U %S %M',
      process.execPath,
      PULSE,
      'build',
      '--data',
      data!,
      '--warehouse',
      join(dir, 'wh.duckdb'),
      ...engineArgs,
    ],
    { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } },
  );
  const line = result.stderr.split('\n').find((text) => text.startsWith('TIME ')) ?? 'TIME NaN NaN NaN NaN';
  const [wall, user, sys, rss] = line.slice(5).split(' ').map(Number);
  if (result.status !== 0) console.error(result.stdout.slice(-4000), result.stderr.slice(-4000));
  return {
    engine,
    code: result.status,
    wall: wall!,
    user: user!,
    sys: sys!,
    maxRssMb: Math.round(rss! / 1024),
    serverCpu: dataDir ? serverCpu(dataDir) - before : 0,
  };
}

const server = await startThrowawayPostgres({
  shared_buffers: '1GB',
  work_mem: '128MB',
  maintenance_work_mem: '512MB',
});
try {
  const runs = [build('duckdb'), build('postgres', server.url, server.dataDir)];
  const differences = await compareMartFolders(
    join(out, 'duckdb', 'wh-marts'),
    join(out, 'postgres', 'wh-marts'),
  );
  console.log(JSON.stringify({ data, runs, martsEqual: differences.length === 0, differences }, null, 2));
  console.log(
    '\n| engine | wall s | CLI CPU s (user+sys) | server CPU s | max RSS MB |\n|---|---|---|---|---|',
  );
  for (const run of runs) {
    console.log(
      `| ${run.engine} | ${run.wall.toFixed(1)} | ${(run.user + run.sys).toFixed(1)} | ${run.serverCpu.toFixed(1)} | ${run.maxRssMb} |`,
    );
  }
} finally {
  server.stop();
}
