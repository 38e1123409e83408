// `npm run bench:scaling`: XL against L in one run. L, XL, then L again, each its floor (DuckDB alone)
// then Pulse's full build, so the XL / L ratio compares runs minutes apart on the same machine state
// instead of two bench invocations hours apart. Writes bench/results/scaling.json and BENCHMARKS.md.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseScalingArgs } from './args.js';
import { ensureDataset } from './datasets.js';
import { revision, uncommittedFiles } from './git-state.js';
import { machine } from './machine.js';
import { measure } from './measure.js';
import { REPO_ROOT, RESULTS_DIR, runDir } from './paths.js';
import { pulseBuild } from './pulse-build.js';
import { writeReport } from './report.js';
import { type ScalingResult, type ScalingStep, scalingRatios } from './scaling-result.js';

parseScalingArgs(process.argv.slice(2));
const data = { L: await ensureDataset('L'), XL: await ensureDataset('XL') };
const events = { L: 0, XL: 0 };
const steps: ScalingStep[] = [];

for (const scale of ['L', 'XL', 'L'] as const) {
  const loadAverage = loadavg()[0]!;
  console.log(`[scaling] ${scale} floor…`);
  const floorRoot = runDir(scale, 'floor');
  await rm(floorRoot, { recursive: true, force: true });
  await mkdir(floorRoot, { recursive: true });
  const floor = await measure([
    process.execPath,
    '--import',
    'tsx',
    join(REPO_ROOT, 'bench', 'floor-load.ts'),
    data[scale],
    join(floorRoot, 'floor.duckdb'),
  ]);
  if (floor.exitCode !== 0) throw new Error(`floor load failed at ${scale}:\n${floor.stderr}`);
  steps.push({ scale, what: 'floor', ...figures(floor), loadAverage });
  await rm(floorRoot, { recursive: true, force: true });

  console.log(`[scaling] ${scale} pulse build…`);
  const buildLoad = loadavg()[0]!;
  const build = await pulseBuild(data[scale], runDir(scale, 'build'));
  events[scale] = build.sources.find((s) => s.name === 'events')?.rows ?? 0;
  steps.push({ scale, what: 'build', ...figures(build.measured), loadAverage: buildLoad });
  console.log(`  build ${build.measured.seconds.toFixed(1)} s, floor ${floor.seconds.toFixed(1)} s`);
  await rm(build.root, { recursive: true, force: true });
}

const result: ScalingResult = {
  measuredAt: new Date().toISOString(),
  revision: revision(),
  uncommittedFiles: uncommittedFiles(),
  machine: await machine(),
  command: 'npm run bench:scaling',
  events,
  steps,
};
await mkdir(RESULTS_DIR, { recursive: true });
await writeFile(join(RESULTS_DIR, 'scaling.json'), `${JSON.stringify(result, null, 2)}\n`);
await writeReport();
const ratios = scalingRatios(result);
console.log(
  `XL / L ${ratios.build.toFixed(2)}× (floors ${ratios.floor.toFixed(2)}×); wrote bench/results/scaling.json and BENCHMARKS.md`,
);

function figures(m: { seconds: number; cpuSeconds: number; peakRssMb: number }) {
  return { seconds: m.seconds, cpuSeconds: m.cpuSeconds, peakRssMb: m.peakRssMb };
}
