// `npm run bench -- --scale S|M|L [--runs N] [--skip-site] [--skip-arquero] [--skip-mapping]`: measures
// Pulse's full build against its floor (DuckDB alone), an Arquero baseline on the same files and the
// same data in a vendor layout read through `sources`, in one run, then writes
// bench/results/<scale>.json, BENCHMARKS.md and the chart. `--only mapping` measures only the last.
import { execFileSync } from 'node:child_process';

import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from './args.js';
import { compareWithMarts } from './compare-marts.js';
import { ensureDataset, generateArgs } from './datasets.js';
import { revision, uncommittedFiles } from './git-state.js';
import { machine } from './machine.js';
import { measureMapping } from './mapping-overhead.js';
import { compareMartBytes, type MartBytes } from './mart-bytes.js';
import { type Measured, measure, wasKilled } from './measure.js';
import { mrrOnlyBuild } from './mrr-build.js';
import { PULSE_BIN, REPO_ROOT, RESULTS_DIR, runDir } from './paths.js';
import { BuildFailed, type BuildRun, pulseBuild } from './pulse-build.js';
import { measureRefresh, nextDayData, refreshAvailable } from './refresh.js';
import { writeReport } from './report.js';
import type { Figure, Reproducibility, ScaleResult } from './scale-result.js';
import { buildSite, restoreSiteData, type SiteRun } from './site.js';
import { median } from './stats.js';

const args = parseArgs(process.argv.slice(2));
const figure = (runs: number[]): Figure => ({ median: median(runs), runs });
const tsx = ['--import', 'tsx'];
// Arquero gets a fixed heap cap so an out-of-memory at L is reported as such, not as swapping.
const ARQUERO_HEAP_MB = 8192;

const dataDir = await ensureDataset(args.scale);
if (args.only === 'mapping') {
  await onlyMapping();
  process.exit(0);
}
const builds: BuildRun[] = [];
const floors: Measured[] = [];
const arqueros: Measured[] = [];
const mrrBuilds: Measured[] = [];
const computeSeconds: number[] = [];
const sites: SiteRun[] = [];
const refreshes: Awaited<ReturnType<typeof measureRefresh>>[] = [];
/** Accounts the refresh's new day signs up (the same every run: the same data and as_of). */
let signups = 0;
let arqueroStatus: 'ok' | 'oom' | 'failed' | 'skipped' = args.arquero ? 'ok' : 'skipped';
let arqueroNote: string | undefined;
let checks: Awaited<ReturnType<typeof compareWithMarts>> | undefined;
const canRefresh = args.refresh && refreshAvailable();
// The marts of the first build, kept to compare every later build's bytes with (reproducibility).
const firstMarts = runDir(args.scale, 'first-marts');
const martComparisons: MartBytes[] = [];

for (let i = 1; i <= args.runs; i++) {
  console.log(`[${args.scale} run ${i}/${args.runs}] floor…`);
  const floorRoot = runDir(args.scale, 'floor');
  await rm(floorRoot, { recursive: true, force: true });
  await mkdir(floorRoot, { recursive: true });
  const floor = await measure([
    process.execPath,
    ...tsx,
    join(REPO_ROOT, 'bench', 'floor-load.ts'),
    dataDir,
    join(floorRoot, 'floor.duckdb'),
  ]);
  if (floor.exitCode !== 0) throw new Error(`floor load failed:\n${floor.stderr}`);
  floors.push(floor);

  console.log(`[${args.scale} run ${i}/${args.runs}] pulse build…`);
  let build: BuildRun;
  try {
    build = await pulseBuild(dataDir, runDir(args.scale, 'build'));
  } catch (error) {
    if (!(error instanceof BuildFailed)) throw error;
    await recordFailure(error, floor);
    process.exit(1);
  }
  builds.push(build);
  console.log(
    `  build ${build.measured.seconds.toFixed(1)}s, peak ${build.measured.peakRssMb.toFixed(0)} MB, floor ${floor.seconds.toFixed(1)}s`,
  );
  if (args.reproducibility) await checkSameMarts(build.martsDir, i === 1);

  if (args.arquero && arqueroStatus === 'ok') {
    console.log(`[${args.scale} run ${i}/${args.runs}] arquero…`);
    const out = join(runDir(args.scale, 'build'), 'arquero.json');
    const arq = await measure(
      [
        process.execPath,
        `--max-old-space-size=${ARQUERO_HEAP_MB}`,
        ...tsx,
        join(REPO_ROOT, 'bench', 'arquero-child.ts'),
        dataDir,
        build.asOf,
        build.currency,
        out,
      ],
      { env: { TZ: 'UTC' } },
    );
    if (arq.exitCode !== 0) {
      arqueroStatus = wasKilled(arq) ? 'oom' : 'failed';
      arqueroNote = arq.stderr
        .split('\n')
        .filter((l) => /heap|memory|Error/.test(l))
        .slice(0, 3)
        .join(' / ');
    } else {
      arqueros.push(arq);
      computeSeconds.push(JSON.parse(await readFile(out, 'utf8')).computeSeconds);
      checks = await compareWithMarts(out, build.martsDir);
      console.log(
        `  arquero ${arq.seconds.toFixed(1)}s, peak ${arq.peakRssMb.toFixed(0)} MB, mismatches ${checks.map((c) => c.mismatches).join('/')}`,
      );
      const mrr = await mrrOnlyBuild(dataDir, runDir(args.scale, 'mrr-only'), build.asOf);
      mrrBuilds.push(mrr);
      console.log(
        `  pulse build of the same three marts ${mrr.seconds.toFixed(1)}s, peak ${mrr.peakRssMb.toFixed(0)} MB`,
      );
    }
  }

  if (canRefresh) {
    console.log(`[${args.scale} run ${i}/${args.runs}] refresh…`);
    const next = join(runDir(args.scale, 'refresh'), 'data');
    await rm(runDir(args.scale, 'refresh'), { recursive: true, force: true });
    await mkdir(runDir(args.scale, 'refresh'), { recursive: true });
    signups = (await nextDayData(dataDir, build.asOf, next)).signups;
    const refreshed = await measureRefresh(next, build.warehouse, build.martsDir, build.root);
    for (const [kind, m] of Object.entries(refreshed)) {
      // A refresh that failed would look fast: its time is only reported when it exited 0.
      if (m.exitCode !== 0)
        throw new Error(
          `pulse refresh (${kind}) exited ${m.exitCode}:\n${m.stdout.slice(-2000)}\n${m.stderr.slice(-2000)}`,
        );
    }
    console.log(
      `  refresh one day ${refreshed.oneDay.seconds.toFixed(1)}s (${lastLine(refreshed.oneDay.stdout)}), no-op ${refreshed.noop.seconds.toFixed(1)}s (${lastLine(refreshed.noop.stdout)})`,
    );
    refreshes.push(refreshed);
  }

  if (args.site) {
    console.log(`[${args.scale} run ${i}/${args.runs}] site…`);
    sites.push(await buildSite(build.root));
  }
}
if (args.site) await restoreSiteData();
// One run measured: one more build, only to compare its marts with the first build's.
let extraBuildSeconds: number | undefined;
if (args.reproducibility && args.runs === 1) {
  console.log(`[${args.scale}] pulse build again (are the marts byte-identical?)…`);
  const again = await pulseBuild(dataDir, runDir(args.scale, 'build-again'));
  extraBuildSeconds = again.measured.seconds;
  await checkSameMarts(again.martsDir, false);
  await rm(again.root, { recursive: true, force: true });
}
const reproducibility: Reproducibility | undefined = args.reproducibility
  ? {
      builds: martComparisons.length + 1,
      identical: martComparisons.length > 0 && martComparisons.every((c) => c.identical),
      differingFiles: [
        ...new Set(martComparisons.flatMap((c) => c.files.filter((f) => !f.same).map((f) => f.file))),
      ],
      differingColumns: martComparisons.flatMap((c) => c.columns).slice(0, 20),
      ...(extraBuildSeconds === undefined ? {} : { extraBuildSeconds }),
    }
  : undefined;
// After the other measurements: a mapping that reads other data fails the bench before anything is written.
const mapping = args.mapping ? await measureMapping(args.scale, dataDir, args.runs) : undefined;

const last = builds.at(-1)!;
const rows = (name: string) => last.sources.find((s) => s.name === name)?.rows ?? 0;
const cmd = (parts: string[]) => parts.join(' ');
const result: ScaleResult = {
  scale: args.scale,
  measuredAt: new Date().toISOString(),
  // The tree is shared: what was measured is HEAD plus whatever others had not committed yet.
  revision: revision(),
  uncommittedFiles: uncommittedFiles(),
  machine: await machine(),
  runs: args.runs,
  commands: {
    bench: `npm run bench -- --scale ${args.scale} --runs ${args.runs}`,
    ...(args.scale === 'S' ? {} : { generate: cmd(['npx', 'pulse', ...generateArgs(args.scale)]) }),
    build: `(cd <scratch root with package.json {"workspaces": []}> && /usr/bin/time -v node ${rel(PULSE_BIN)} build --data ${rel(dataDir)} --warehouse <scratch>/warehouse.duckdb)`,
    floor: `/usr/bin/time -v node --import tsx bench/floor-load.ts ${rel(dataDir)} <scratch>/floor.duckdb`,
    arquero: `TZ=UTC /usr/bin/time -v node --max-old-space-size=${ARQUERO_HEAP_MB} --import tsx bench/arquero-child.ts ${rel(dataDir)} <as_of> <currency> <out.json>`,
    pulseSameWork: `(cd <scratch root> && node ${rel(PULSE_BIN)} build --project bench/mrr-project.ts --data <hard links to ${'accounts.csv, subscriptions.csv, invoices.csv, fx_rates.jsonl'}> --config <{"as_of": as_of}> --warehouse <scratch>/warehouse.duckdb)`,
    refresh: `node ${rel(PULSE_BIN)} refresh --data <copy of the data + one day: subscriptions, signups, events> --warehouse <copy of the build's warehouse>   # twice: one day, then no-op`,
    site: 'PULSE_MARTS_DIR=<scratch>/data/marts PULSE_ARTIFACTS_DIR=<scratch>/target PULSE_WAREHOUSE=<scratch>/warehouse.duckdb PULSE_REPORTS_DIST=<scratch>/site npm run build -w @pulse/reports',
  },
  dataset: {
    accounts: rows('accounts'),
    events: rows('events'),
    subscriptions: rows('subscriptions'),
    mb: Number(execFileSync('du', ['-sm', '-L', dataDir], { encoding: 'utf8' }).split('\t')[0]),
  },
  build: {
    seconds: figure(builds.map((b) => b.measured.seconds)),
    peakRssMb: figure(builds.map((b) => b.measured.peakRssMb)),
    ingestSeconds: figure(builds.map((b) => b.ingestSeconds)),
    modelsSeconds: figure(builds.map((b) => b.modelsSeconds)),
    sources: last.sources.map((s) => {
      const seconds = median(
        builds.map((b) => b.sources.find((x) => x.name === s.name)?.seconds ?? Number.NaN),
      );
      return { ...s, seconds, rowsPerSecond: s.rows / seconds };
    }),
    slowestModels: last.models.slice(0, 5).map((m) => ({
      ...m,
      seconds: median(builds.map((b) => b.models.find((x) => x.name === m.name)?.seconds ?? 0)),
    })),
  },
  floor: { seconds: figure(floors.map((f) => f.seconds)), peakRssMb: figure(floors.map((f) => f.peakRssMb)) },
  arquero:
    arqueroStatus === 'ok'
      ? {
          status: 'ok',
          seconds: figure(arqueros.map((a) => a.seconds)),
          peakRssMb: figure(arqueros.map((a) => a.peakRssMb)),
          computeSeconds: figure(computeSeconds),
          checks,
          pulseSameWork: {
            seconds: figure(mrrBuilds.map((m) => m.seconds)),
            peakRssMb: figure(mrrBuilds.map((m) => m.peakRssMb)),
          },
        }
      : { status: arqueroStatus, note: arqueroNote },
  refresh:
    refreshes.length > 0
      ? {
          status: 'ok',
          oneDaySeconds: figure(refreshes.map((r) => r.oneDay.seconds)),
          noopSeconds: figure(refreshes.map((r) => r.noop.seconds)),
          oneDayPeakRssMb: figure(refreshes.map((r) => r.oneDay.peakRssMb)),
          oneDayOutput: lastLine(refreshes.at(-1)!.oneDay.stdout),
          noopOutput: lastLine(refreshes.at(-1)!.noop.stdout),
          signups,
        }
      : { status: args.refresh ? 'not available' : 'skipped' },
  site:
    sites.length > 0 ? { seconds: figure(sites.map((s) => s.seconds)), pages: sites.at(-1)!.pages } : null,
  ...(mapping ? { mapping } : {}),
  ...(reproducibility ? { reproducibility } : {}),
};

await mkdir(RESULTS_DIR, { recursive: true });
await writeFile(join(RESULTS_DIR, `${args.scale}.json`), `${JSON.stringify(result, null, 2)}\n`);
await writeReport();
console.log(`wrote bench/results/${args.scale}.json and BENCHMARKS.md`);
if (checks?.some((c) => c.mismatches > 0)) {
  console.error('Arquero and Pulse disagree:', JSON.stringify(checks, null, 2));
  process.exitCode = 1;
}

/** Keeps the first build's marts; compares any later build's marts with them, byte for byte. */
async function checkSameMarts(martsDir: string, first: boolean): Promise<void> {
  if (first) {
    await rm(firstMarts, { recursive: true, force: true });
    await cp(martsDir, firstMarts, { recursive: true });
    return;
  }
  const comparison = await compareMartBytes(firstMarts, martsDir);
  martComparisons.push(comparison);
  const differing = comparison.files.filter((f) => !f.same).map((f) => f.file);
  console.log(
    `  marts byte-identical to the first build's: ${comparison.identical ? 'yes' : `no (${differing.join(', ') || comparison.unmatched.join(', ')})`}`,
  );
}

/**
 * The build failed: record how far it got (time, peak RSS, the error) and the floor, then measure the
 * Arquero baseline alone (nothing to check it against), with as_of taken from the raw files' dates.
 */
async function recordFailure(error: BuildFailed, floor: Measured): Promise<void> {
  const m = error.measured;
  // The CLI prints the error on stderr, before GNU time's own report.
  const message = `${m.stdout}\n${m.stderr}`
    .split('\n')
    .filter((l) => /^pulse build:|Error/.test(l))
    .slice(0, 2)
    .join(' / ');
  const lastSource = m.lines.filter((l) => / reading /.test(l.text)).at(-1)?.text ?? '';
  let arquero: Record<string, unknown> = { status: 'skipped' };
  if (args.arquero) {
    const asOf = await latestDate(dataDir);
    const out = join(runDir(args.scale, 'build'), 'arquero.json');
    const arq = await measure(
      [
        process.execPath,
        `--max-old-space-size=${ARQUERO_HEAP_MB}`,
        ...tsx,
        join(REPO_ROOT, 'bench', 'arquero-child.ts'),
        dataDir,
        asOf,
        'USD',
        out,
      ],
      { env: { TZ: 'UTC' } },
    );
    arquero =
      arq.exitCode === 0
        ? { status: 'ok', seconds: arq.seconds, peakRssMb: arq.peakRssMb, asOf, checked: false }
        : { status: wasKilled(arq) ? 'oom' : 'failed', seconds: arq.seconds, peakRssMb: arq.peakRssMb };
    console.log(
      `  arquero (unchecked) ${arq.seconds.toFixed(1)}s, peak ${arq.peakRssMb.toFixed(0)} MB, exit ${arq.exitCode}`,
    );
  }
  const failure = {
    scale: args.scale,
    measuredAt: new Date().toISOString(),
    machine: await machine(),
    revision: revision(),
    failed: { seconds: m.seconds, peakRssMb: m.peakRssMb, message, lastStep: lastSource },
    floor: { seconds: floor.seconds, peakRssMb: floor.peakRssMb },
    arquero,
    commands: {
      bench: `npm run bench -- --scale ${args.scale}`,
      ...(args.scale === 'S' ? {} : { generate: ['npx', 'pulse', ...generateArgs(args.scale)].join(' ') }),
    },
  };
  await mkdir(RESULTS_DIR, { recursive: true });
  await writeFile(join(RESULTS_DIR, `${args.scale}.json`), `${JSON.stringify(failure, null, 2)}\n`);
  await writeReport();
  console.error(`pulse build failed at ${args.scale}: ${message}`);
}

/**
 * `--only mapping`: the mapping comparison alone, written into the scale's last full result, whose
 * other figures (and their own date and revision) stay as they were.
 */
async function onlyMapping(): Promise<void> {
  const file = join(RESULTS_DIR, `${args.scale}.json`);
  let previous: ScaleResult & { failed?: unknown };
  try {
    previous = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    throw new Error(
      `--only mapping keeps the other figures of ${rel(file)}, which is missing: run the full bench first`,
    );
  }
  if (previous.failed)
    throw new Error(`${rel(file)} records a failed build: run the full bench at ${args.scale} first`);
  const mapping = await measureMapping(args.scale, dataDir, args.runs);
  await writeFile(file, `${JSON.stringify({ ...previous, mapping }, null, 2)}\n`);
  await writeReport();
  console.log(`wrote the mapping figures into bench/results/${args.scale}.json and BENCHMARKS.md`);
}

/** G2's as_of without Pulse: the latest date in the dated sources (events included), via DuckDB. */
async function latestDate(dir: string): Promise<string> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const { sourceFiles } = await import('./source-files.js');
  const db = await (await DuckDBInstance.create(':memory:')).connect();
  await db.run(`set TimeZone = 'UTC'`);
  const column: Record<string, string> = {
    accounts: 'created_at',
    subscriptions: 'start_date',
    invoices: 'issued_at',
    events: 'occurred_at',
    tickets: 'created_at',
    survey_responses: 'responded_at',
  };
  const parts = sourceFiles(dir)
    .filter((s) => column[s.name] && s.format === 'csv')
    .map(
      (s) =>
        `select max(try_cast(${column[s.name]} as timestamptz)::date) as d from read_csv([${s.files.map((f) => `'${f}'`).join(', ')}], header = true, all_varchar = true, union_by_name = true, normalize_names = true)`,
    );
  const reader = await db.runAndReadAll(
    `select strftime(max(d), '%Y-%m-%d') as d from (${parts.join(' union all ')})`,
  );
  db.closeSync();
  return String(reader.getRowObjectsJS()[0]!.d);
}

function lastLine(text: string): string {
  return text.trim().split('\n').at(-1) ?? '';
}

function rel(path: string): string {
  return path.startsWith(`${REPO_ROOT}/`) ? path.slice(REPO_ROOT.length + 1) : path;
}
