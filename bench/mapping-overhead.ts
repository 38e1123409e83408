// The "mapped layout" row: what reading a vendor's layout through `sources` (pulse.config.json) costs
// against the canonical layout, on the same data. The vendor copy is written once per bench run; then
// per run a canonical `pulse build` and a mapped one, back to back in separate scratch roots, so the
// two builds of a run share the machine's load. The two builds must agree on as_of, on every source's
// counts and on every mart (bench/same-marts.ts): if not, the mapping read other data and the bench fails.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { Scale } from './args.js';
import type { LayoutFigures, MappingResult } from './mapping-result.js';
import { CACHE_DIR, REPO_ROOT, runDir } from './paths.js';
import { type BuildRun, pulseBuild } from './pulse-build.js';
import { compareMartFolders } from './same-marts.js';
import { median } from './stats.js';
import { writeVendorLayout } from './vendor-layout.js';

const figure = (runs: number[]) => ({ median: median(runs), runs });
const percent = (mapped: number, canonical: number) => (mapped / canonical - 1) * 100;

export async function measureMapping(scale: Scale, dataDir: string, runs: number): Promise<MappingResult> {
  const vendorDir = join(CACHE_DIR, `${scale}-vendor`);
  console.log(`[${scale} mapping] writing the vendor layout into ${vendorDir}…`);
  const started = performance.now();
  const vendorData = await writeVendorLayout(dataDir, vendorDir);
  const vendorWriteSeconds = (performance.now() - started) / 1000;
  const builds: { canonical: BuildRun; mapped: BuildRun }[] = [];
  const loads: number[] = [];
  let marts = { marts: 0, rows: 0 };
  for (let i = 1; i <= runs; i++) {
    loads.push(loadavg()[0]!);
    console.log(`[${scale} mapping run ${i}/${runs}] canonical, then mapped…`);
    const canonical = await pulseBuild(dataDir, runDir(scale, 'mapping-canonical'));
    const mapped = await pulseBuild(vendorData, runDir(scale, 'mapping-vendor'));
    const compared = await compareMartFolders(canonical.martsDir, mapped.martsDir);
    const problems = [...sameReading(canonical, mapped), ...compared.differences];
    if (problems.length > 0)
      throw new Error(
        `the mapped layout did not build the same marts as the canonical one (run ${i}):\n${problems.join('\n')}`,
      );
    marts = { marts: compared.marts, rows: compared.rows };
    builds.push({ canonical, mapped });
    console.log(
      `  ingestion canonical ${canonical.ingestSeconds.toFixed(2)}s, mapped ${mapped.ingestSeconds.toFixed(2)}s (${percent(mapped.ingestSeconds, canonical.ingestSeconds).toFixed(1)} %), CPU ${canonical.ingestCpuSeconds.toFixed(2)}s / ${mapped.ingestCpuSeconds.toFixed(2)}s (${percent(mapped.ingestCpuSeconds, canonical.ingestCpuSeconds).toFixed(1)} %); builds ${canonical.measured.seconds.toFixed(1)}s / ${mapped.measured.seconds.toFixed(1)}s (CPU ${canonical.measured.cpuSeconds.toFixed(1)}s / ${mapped.measured.cpuSeconds.toFixed(1)}s); ${compared.marts} marts equal`,
    );
  }
  const layout = (pick: (b: (typeof builds)[number]) => BuildRun): LayoutFigures => ({
    ingestSeconds: figure(builds.map((b) => pick(b).ingestSeconds)),
    ingestCpuSeconds: figure(builds.map((b) => pick(b).ingestCpuSeconds)),
    buildSeconds: figure(builds.map((b) => pick(b).measured.seconds)),
    buildCpuSeconds: figure(builds.map((b) => pick(b).measured.cpuSeconds)),
    eventsSeconds: figure(
      builds.map((b) => pick(b).sources.find((s) => s.name === 'events')?.seconds ?? Number.NaN),
    ),
  });
  const canonical = layout((b) => b.canonical);
  const mapped = layout((b) => b.mapped);
  const rel = (path: string) => path.slice(REPO_ROOT.length + 1);
  return {
    measuredAt: new Date().toISOString(),
    revision: execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    }).trim(),
    loadAverage: loads,
    runs,
    command: `npm run bench -- --scale ${scale} --runs ${runs} --only mapping`,
    writeCommand: `npx tsx bench/write-vendor-layout.ts ${rel(dataDir)} ${rel(vendorDir)}`,
    vendorWriteSeconds,
    vendorMb: Number(execFileSync('du', ['-sm', vendorData], { encoding: 'utf8' }).split('\t')[0]),
    canonical,
    mapped,
    overheadPercent: percent(mapped.ingestSeconds.median, canonical.ingestSeconds.median),
    perRunOverheadPercent: builds.map((b) => percent(b.mapped.ingestSeconds, b.canonical.ingestSeconds)),
    cpuOverheadPercent: percent(mapped.ingestCpuSeconds.median, canonical.ingestCpuSeconds.median),
    buildCpuOverheadPercent: percent(mapped.buildCpuSeconds.median, canonical.buildCpuSeconds.median),
    marts,
    sources: JSON.parse(readFileSync(join(vendorDir, 'pulse.config.json'), 'utf8')).sources,
  };
}

/** The same as_of, reporting currency and, per source, rows read, loaded and quarantined. */
function sameReading(canonical: BuildRun, mapped: BuildRun): string[] {
  const problems: string[] = [];
  if (canonical.asOf !== mapped.asOf) problems.push(`as_of ${canonical.asOf} ≠ ${mapped.asOf}`);
  if (canonical.currency !== mapped.currency)
    problems.push(`reporting currency ${canonical.currency} ≠ ${mapped.currency}`);
  const counts = (build: BuildRun) => {
    const run = JSON.parse(readFileSync(join(build.targetDir, 'run_results.json'), 'utf8'));
    return new Map<string, string>(
      run.sources.map((s: any) => [
        s.name,
        `${s.rows_read} read, ${s.rows_loaded} loaded, ${s.rows_quarantined} quarantined`,
      ]),
    );
  };
  const [a, b] = [counts(canonical), counts(mapped)];
  for (const [name, text] of a)
    if (b.get(name) !== text) problems.push(`${name}: canonical ${text}, mapped ${b.get(name) ?? 'absent'}`);
  for (const name of b.keys()) if (!a.has(name)) problems.push(`${name}: only in the mapped build`);
  return problems;
}
