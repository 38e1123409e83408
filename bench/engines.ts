// `npm run bench:engines -- --scale S|M|L`: the scale's export folder built by `pulse build` on DuckDB and
// then on PostgreSQL, same data, same machine, back to back. PostgreSQL is a throwaway server
// (test/support/postgres-server.ts: initdb in a temp folder, loopback only, a free port) with the
// settings below, stopped and removed at the end. Each build is a child process under /usr/bin/time -v
// (wall, CPU of the CLI, peak RSS); the server's CPU is read from /proc around the build
// (bench/server-cpu.ts). Then the two mart folders are compared (bench/engine-marts.ts). Writes the
// scale's entry of bench/results/engines.json and regenerates BENCHMARKS.md. Run it under the heavy-job
// lock: `flock /tmp/heavy.lock npm run bench:engines -- --scale M`.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  postgresBinDir,
  startThrowawayPostgres,
  THROWAWAY_SETTINGS,
} from '../test/support/postgres-server.js';
import { parseEnginesArgs } from './args.js';
import { ensureDataset, generateArgs } from './datasets.js';
import { compareEngineMarts } from './engine-marts.js';
import {
  type EnginesBuild,
  type EnginesEntry,
  type EnginesResult,
  type PostgresBuild,
  parseEnginesResult,
} from './engines-result.js';
import { revision, uncommittedFiles } from './git-state.js';
import { machine } from './machine.js';
import { PULSE_BIN, REPO_ROOT, RESULTS_DIR, runDir } from './paths.js';
import { BuildFailed, type BuildRun, pulseBuild } from './pulse-build.js';
import { writeReport } from './report.js';
import { postmasterPid, serverCpuSeconds, serverPssMb } from './server-cpu.js';

/**
 * A one-node analytics server on this machine (2 cores, 24 GB shared with other builds): memory for
 * big hashes and sorts, parallel query matched to the cores DuckDB gets, no WAL or checkpoint work a
 * throwaway warehouse does not need. Together with THROWAWAY_SETTINGS (fsync, synchronous_commit and
 * full_page_writes off).
 */
const SERVER_SETTINGS: Readonly<Record<string, string>> = {
  shared_buffers: '4GB',
  effective_cache_size: '12GB',
  // Up to 4 models run at once (the pool's size), each with a few hash or sort nodes.
  work_mem: '256MB',
  maintenance_work_mem: '1GB',
  // DuckDB uses both cores; a gather's leader works too, so one worker per gather fills two.
  max_parallel_workers_per_gather: '1',
  max_parallel_workers: '2',
  max_parallel_maintenance_workers: '1',
  // Tables created and filled in one transaction skip the WAL; no replica to feed.
  wal_level: 'minimal',
  max_wal_senders: '0',
  max_wal_size: '16GB',
  checkpoint_timeout: '30min',
  // Local SSD, data mostly in the page cache.
  random_page_cost: '1.1',
  effective_io_concurrency: '200',
};
const SETTINGS_NOTE =
  'Throwaway one-node server tuned as for an analytics run on this machine: shared_buffers about 1/6 of RAM ' +
  '(the machine is shared), work_mem for large hashes and sorts with 4 models at once, one parallel worker per ' +
  'gather (leader + worker = the 2 cores DuckDB uses), durability and WAL off (fsync, synchronous_commit, ' +
  'full_page_writes off, wal_level minimal), checkpoints spaced out; JIT and autovacuum at their defaults. ' +
  'Tables are ordinary (logged) tables: Pulse creates them, not the bench.';

const { scale } = parseEnginesArgs(process.argv.slice(2));
const dataDir = await ensureDataset(scale);
const rel = (path: string) => relative(REPO_ROOT, path) || '.';
const load = () => Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
const seconds = (value: number) => (Number.isFinite(value) ? value : null);

/** One measured build; a failed one keeps its time, CPU and RSS and the end of its output. */
async function measuredBuild(
  root: string,
  extraArgs: readonly string[],
): Promise<{
  build: EnginesBuild;
  run?: BuildRun;
}> {
  const loadAverage = load();
  try {
    const run = await pulseBuild(dataDir, root, extraArgs);
    const m = run.measured;
    return {
      run,
      build: {
        exitCode: m.exitCode,
        seconds: m.seconds,
        cliCpuSeconds: m.cpuSeconds,
        peakRssMb: m.peakRssMb,
        ingestSeconds: seconds(run.ingestSeconds),
        modelsSeconds: seconds(run.modelsSeconds),
        loadAverage,
      },
    };
  } catch (error) {
    if (!(error instanceof BuildFailed)) throw error;
    const m = error.measured;
    return {
      build: {
        exitCode: m.exitCode,
        seconds: m.seconds,
        cliCpuSeconds: m.cpuSeconds,
        peakRssMb: m.peakRssMb,
        ingestSeconds: null,
        modelsSeconds: null,
        loadAverage,
        error: `${m.stdout.slice(-1500)}\n${m.stderr.slice(-1500)}`.trim(),
      },
    };
  }
}

/** Seconds between the progress line announcing the COPY and the first model's line (null: not seen). */
function copySeconds(run: BuildRun | undefined): number | null {
  const start = run?.measured.lines.find((l) => l.text.startsWith('Copying '))?.t;
  const end = run?.measured.lines.find((l) => /^\[1\/\d+\]/.test(l.text))?.t;
  return start !== undefined && end !== undefined ? end - start : null;
}

console.log(`${scale}: ${rel(dataDir)}, DuckDB build…`);
const duck = await measuredBuild(runDir(scale, 'engines-duckdb'), []);
console.log(`  ${duck.build.seconds.toFixed(1)} s, CLI CPU ${duck.build.cliCpuSeconds.toFixed(1)} s`);

const bin = postgresBinDir();
const version = bin ? execFileSync(join(bin, 'postgres'), ['--version'], { encoding: 'utf8' }).trim() : '';
const server = await startThrowawayPostgres(SERVER_SETTINGS);
let pg: { build: PostgresBuild; run?: BuildRun };
try {
  const postmaster = postmasterPid(server.dataDir);
  const cpuBefore = serverCpuSeconds(postmaster);
  let peakPss = serverPssMb(postmaster);
  const sampler = setInterval(() => {
    peakPss = Math.max(peakPss, serverPssMb(postmaster));
  }, 2000);
  console.log(`PostgreSQL build (${version}, port ${server.port})…`);
  const measured = await measuredBuild(runDir(scale, 'engines-postgres'), [
    '--engine',
    'postgres',
    '--target',
    server.url,
  ]);
  clearInterval(sampler);
  // The backends exit with the CLI; give the postmaster a moment to reap them (counted either way).
  await new Promise((resolve) => setTimeout(resolve, 1000));
  pg = {
    ...measured,
    build: {
      ...measured.build,
      serverCpuSeconds: serverCpuSeconds(postmaster) - cpuBefore,
      serverPeakPssMb: peakPss,
      copySeconds: copySeconds(measured.run),
    },
  };
} finally {
  server.stop();
}
console.log(
  `  ${pg.build.seconds.toFixed(1)} s, CLI CPU ${pg.build.cliCpuSeconds.toFixed(1)} s, server CPU ${pg.build.serverCpuSeconds.toFixed(1)} s`,
);

const marts =
  duck.run && pg.run
    ? await compareEngineMarts(duck.run.martsDir, pg.run.martsDir)
    : { equal: false, files: 0, rows: 0, differences: ['a build failed: nothing to compare'] };
console.log(
  `marts equal: ${marts.equal}${marts.differences.length ? `\n${marts.differences.join('\n')}` : ''}`,
);

const rowsOf = (name: string) =>
  (duck.run ?? pg.run)?.sources.find((source) => source.name === name)?.rows ?? 0;
const buildCommand = (engineArgs: string) =>
  `/usr/bin/time -v node ${rel(PULSE_BIN)} build --data ${rel(dataDir)} --warehouse <scratch>/warehouse.duckdb --marts <scratch>/data/marts --artifacts <scratch>/target${engineArgs}`;
const serverSettings = { ...THROWAWAY_SETTINGS, ...SERVER_SETTINGS };
const entry: EnginesEntry = {
  scale,
  measuredAt: new Date().toISOString(),
  revision: revision(),
  uncommittedFiles: uncommittedFiles(),
  machine: { ...(await machine()), loadAverage: duck.build.loadAverage },
  commands: {
    bench: `flock /tmp/heavy.lock npm run bench:engines -- --scale ${scale}`,
    ...(scale === 'S' ? {} : { generate: `npx pulse ${generateArgs(scale).join(' ')}` }),
    duckdb: buildCommand(''),
    postgres: buildCommand(' --engine postgres --target postgres://pulse@127.0.0.1:<free port>/postgres'),
    server: `initdb -D <temp>/data -U pulse --auth=trust --no-sync -E UTF8 --locale=C; pg_ctl start -o "-c listen_addresses=127.0.0.1 ${Object.entries(
      serverSettings,
    )
      .map(([name, value]) => `-c ${name}=${value}`)
      .join(' ')}"`,
  },
  dataset: {
    accounts: rowsOf('accounts'),
    events: rowsOf('events'),
    mb: Number(execFileSync('du', ['-sm', '-L', dataDir], { encoding: 'utf8' }).split('\t')[0]),
  },
  postgres: { version, settings: serverSettings, note: SETTINGS_NOTE },
  duckdb: duck.build,
  postgresBuild: pg.build,
  marts: { ...marts, differences: [...marts.differences] },
};

const file = join(RESULTS_DIR, 'engines.json');
const saved: EnginesResult = existsSync(file)
  ? parseEnginesResult(readFileSync(file, 'utf8'))
  : { entries: {} };
const result: EnginesResult = { entries: { ...saved.entries, [scale]: entry } };
mkdirSync(RESULTS_DIR, { recursive: true });
writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
await writeReport();
for (const name of ['engines-duckdb', 'engines-postgres'])
  rmSync(runDir(scale, name), { recursive: true, force: true });
console.log(`\nWrote bench/results/engines.json (${scale}) and BENCHMARKS.md.`);
if (!marts.equal || duck.build.exitCode !== 0 || pg.build.exitCode !== 0) process.exitCode = 1;
