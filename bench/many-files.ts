// `npm run bench:files [-- --files N] [--runs R]`: the same event rows as N one-row CSV files and as four
// files, both over the same generated sample. Per run and layout, back to back (4 files, then N files, so
// the two of a run share the machine's load): `pulse build`, a no-op `pulse refresh` (the build's manifest
// is reused: size + mtime, no re-hash), then one more one-row file and `pulse refresh` again. Writes
// bench/results/many-files.json and regenerates BENCHMARKS.md (its "Many small files" section).
// Targets (issue defect 9): N-file build ≤ 1.5× the 4-file build, no-op refresh ≤ 2 s, one added file
// ≤ 2× the same refresh over 4 files.
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseManyFilesArgs } from './args.js';
import { revision, uncommittedFiles } from './git-state.js';
import { machine } from './machine.js';
import type { ManyFilesResult, ManyFilesRuns } from './many-files-result.js';
import { measure } from './measure.js';
import { CACHE_DIR, PULSE_BIN, RESULTS_DIR } from './paths.js';
import { writeReport } from './report.js';

const { files, runs } = parseManyFilesArgs(process.argv.slice(2));
const root = join(CACHE_DIR, 'many-files');
const GENERATE = ['generate', '--accounts', '600', '--months', '12', '--seed', '7'];

async function pulse(cwd: string, ...argv: string[]): Promise<{ seconds: number; stdout: string }> {
  const run = await measure([process.execPath, PULSE_BIN, ...argv], { cwd });
  if (run.exitCode !== 0) throw new Error(`pulse ${argv.join(' ')} failed:\n${run.stderr}`);
  return { seconds: run.seconds, stdout: run.stdout };
}

const eventsOf = (dir: string) => join(dir, 'data', 'raw', 'events');
const fileName = (index: number) => `e-${String(index).padStart(6, '0')}.csv`;

/** A generated sample whose events are `count` files holding the first `rows` events between them. */
function layout(name: string, count: number, header: string, rows: readonly string[], base: string): string {
  const dir = join(root, name);
  rmSync(dir, { recursive: true, force: true });
  cpSync(base, join(dir, 'data', 'raw'), { recursive: true });
  const events = eventsOf(dir);
  rmSync(events, { recursive: true });
  mkdirSync(events);
  const per = Math.ceil(rows.length / count);
  for (let index = 0; index < count; index++) {
    const part = rows.slice(index * per, (index + 1) * per);
    writeFileSync(join(events, fileName(index)), `${header}\n${part.join('\n')}\n`);
  }
  return dir;
}

const lastLine = (text: string) => text.trimEnd().split('\n').at(-1) ?? '';

const base = join(root, 'base');
mkdirSync(root, { recursive: true });
rmSync(base, { recursive: true, force: true });
await pulse(CACHE_DIR, ...GENERATE.slice(0, 1), '--out', base, ...GENERATE.slice(1));
let header = '';
const all: string[] = [];
for (const file of readdirSync(join(base, 'events')).sort()) {
  const lines = gunzipSync(readFileSync(join(base, 'events', file)))
    .toString()
    .trimEnd()
    .split('\n');
  header = lines[0]!;
  all.push(...lines.slice(1));
}
if (all.length <= files) throw new Error(`only ${all.length} events generated; lower --files`);
const rows = all.slice(0, files);
// The event the "one added file" refresh brings: the next one of the sample, in a file of its own.
const added = all[files]!;
const layouts = { four: 4, many: files } as const;
const measured: Record<keyof typeof layouts, ManyFilesRuns> = {
  four: { build: [], noopRefresh: [], addedRefresh: [], loadAverage: [] },
  many: { build: [], noopRefresh: [], addedRefresh: [], loadAverage: [] },
};
const messages: Record<string, string> = {};
const load = () => Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
for (let run = 1; run <= runs; run++) {
  for (const [name, count] of Object.entries(layouts) as [keyof typeof layouts, number][]) {
    const figures = measured[name];
    figures.loadAverage.push(load());
    const dir = layout(name === 'four' ? 'four-files' : `${files}-files`, count, header, rows, base);
    const paths = ['--data', join(dir, 'data', 'raw'), '--warehouse', join(dir, 'data', 'warehouse.duckdb')];
    figures.build.push((await pulse(dir, 'build', ...paths)).seconds);
    const noop = await pulse(dir, 'refresh', ...paths);
    figures.noopRefresh.push(noop.seconds);
    writeFileSync(join(eventsOf(dir), 'e-added.csv'), `${header}\n${added}\n`);
    const one = await pulse(dir, 'refresh', ...paths);
    figures.addedRefresh.push(one.seconds);
    messages[`${name} no-op refresh`] = lastLine(noop.stdout);
    messages[`${name} one added file`] =
      one.stdout.split('\n').find((line) => line.startsWith('events:') && line.includes('rows read')) ?? '';
    console.log(
      `run ${run} ${name} (${count} files, load ${figures.loadAverage.at(-1)!.toFixed(1)}): build ${figures.build.at(-1)!.toFixed(2)} s, ` +
        `no-op refresh ${noop.seconds.toFixed(2)} s, one added file ${one.seconds.toFixed(2)} s`,
    );
  }
}
const result: ManyFilesResult = {
  measuredAt: new Date().toISOString(),
  revision: revision(),
  uncommittedFiles: uncommittedFiles(),
  machine: await machine(),
  command: `npm run bench:files -- --files ${files} --runs ${runs}`,
  sample: `pulse ${GENERATE.join(' ')}`,
  files,
  runs,
  four: measured.four,
  many: measured.many,
  messages,
};
mkdirSync(RESULTS_DIR, { recursive: true });
writeFileSync(join(RESULTS_DIR, 'many-files.json'), `${JSON.stringify(result, null, 2)}\n`);
await writeReport();
console.log('\nWrote bench/results/many-files.json and BENCHMARKS.md.');
