// `npm run bench:files [-- --files N] [--runs R]`: the same event rows as N one-row CSV files and as four
// files, both over the same generated sample: `pulse build`, then a no-op `pulse refresh` (the manifest the
// build wrote is reused: size + mtime, no re-hash). Targets: N files within 2× of four files; no-op ≤ 3 s.
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { measure } from './measure.js';
import { CACHE_DIR, PULSE_BIN } from './paths.js';
import { median } from './stats.js';

const flag = (name: string, fallback: number) => {
  const index = process.argv.indexOf(name);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
};
const files = flag('--files', 10_000);
const runs = flag('--runs', 3);
const root = join(CACHE_DIR, 'many-files');

async function pulse(cwd: string, ...argv: string[]): Promise<number> {
  const run = await measure([process.execPath, PULSE_BIN, ...argv], { cwd });
  if (run.exitCode !== 0) throw new Error(`pulse ${argv.join(' ')} failed:\n${run.stderr}`);
  return run.seconds;
}

/** A generated sample whose events are `count` files holding the first `rows` events between them. */
function layout(name: string, count: number, header: string, rows: readonly string[], base: string): string {
  const dir = join(root, name);
  rmSync(dir, { recursive: true, force: true });
  cpSync(base, join(dir, 'data', 'raw'), { recursive: true });
  const events = join(dir, 'data', 'raw', 'events');
  rmSync(events, { recursive: true });
  mkdirSync(events);
  const per = Math.ceil(rows.length / count);
  for (let index = 0; index < count; index++) {
    const part = rows.slice(index * per, (index + 1) * per);
    writeFileSync(join(events, `e-${String(index).padStart(6, '0')}.csv`), `${header}\n${part.join('\n')}\n`);
  }
  return dir;
}

const base = join(root, 'base');
mkdirSync(root, { recursive: true });
rmSync(base, { recursive: true, force: true });
await pulse(CACHE_DIR, 'generate', '--out', base, '--accounts', '600', '--months', '12', '--seed', '7');
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
if (all.length < files) throw new Error(`only ${all.length} events generated; lower --files`);
const rows = all.slice(0, files);
const result: Record<string, { build: number[]; noopRefresh: number[] }> = {};
for (const [name, count] of [
  ['four-files', 4],
  [`${files}-files`, files],
] as const) {
  result[name] = { build: [], noopRefresh: [] };
  for (let run = 1; run <= runs; run++) {
    const dir = layout(name, count, header, rows, base);
    const paths = ['--data', join(dir, 'data', 'raw'), '--warehouse', join(dir, 'data', 'warehouse.duckdb')];
    result[name].build.push(await pulse(dir, 'build', ...paths));
    result[name].noopRefresh.push(await pulse(dir, 'refresh', ...paths));
    console.log(
      `${name} run ${run}: build ${result[name].build.at(-1)!.toFixed(2)} s, no-op refresh ${result[name].noopRefresh.at(-1)!.toFixed(2)} s`,
    );
  }
}
const many = result[`${files}-files`]!;
const four = result['four-files']!;
console.log(
  `\n| layout | events | build (median) | no-op refresh (median) |\n|---|---|---|---|\n` +
    `| 4 files | ${files} | ${median(four.build).toFixed(2)} s | ${median(four.noopRefresh).toFixed(2)} s |\n` +
    `| ${files} one-row files | ${files} | ${median(many.build).toFixed(2)} s | ${median(many.noopRefresh).toFixed(2)} s |\n` +
    `\nmany / four build: ${(median(many.build) / median(four.build)).toFixed(2)}× (target ≤ 2×); ` +
    `no-op refresh ${median(many.noopRefresh).toFixed(2)} s (target ≤ 3 s)`,
);
