// Writes the top DuckDB operators of a phase into bench/profiles/<name>.md, which BENCHMARKS.md includes.
//
//   npx tsx bench/profile.ts --scale M [--models 3]
//       the slowest models of the last bench build at M (bench/.cache/runs/M/build): each model's query is
//       compiled with that run's vars and run again under EXPLAIN ANALYZE into a scratch table, against a
//       read-only attach of the build's warehouse → bench/profiles/M-models.md
//   npx tsx bench/profile.ts --from <profile.json> --phase "L ingestion: events" --out L-ingestion.md
//       any DuckDB JSON profile (PRAGMA enable_profiling = 'json'; PRAGMA profiling_output = …) → one section
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { compileModel, Warehouse } from '@pulse/core';
import { project } from '@pulse/models';
import { profileMarkdown, topOperators } from './duckdb-profile.js';
import { REPO_ROOT, runDir } from './paths.js';

const PROFILES_DIR = join(REPO_ROOT, 'bench', 'profiles');
const { values } = parseArgs({
  options: {
    scale: { type: 'string' },
    models: { type: 'string' },
    from: { type: 'string' },
    phase: { type: 'string' },
    out: { type: 'string' },
  },
  strict: true,
});

await mkdir(PROFILES_DIR, { recursive: true });
if (values.from) {
  const profile = topOperators(await readFile(values.from, 'utf8'), 10);
  const phase = values.phase ?? basename(values.from);
  const out = join(PROFILES_DIR, values.out ?? `${phase.replace(/[^A-Za-z0-9]+/g, '-')}.md`);
  await writeFile(out, `${profileMarkdown(phase, profile, `From \`${basename(values.from)}\`.`)}\n`);
  console.log(`wrote ${out}`);
} else {
  const scale = String(values.scale ?? 'M').toUpperCase();
  const count = Number(values.models ?? 3);
  const root = runDir(scale, 'build');
  const results = join(root, 'target', 'run_results.json');
  if (!existsSync(results))
    throw new Error(`${results} is missing: run \`npm run bench -- --scale ${scale}\` first`);
  const run = JSON.parse(await readFile(results, 'utf8'));
  const slowest = [...run.results]
    .sort((a: any, b: any) => b.execution_time - a.execution_time)
    .slice(0, count);
  const models = project.models;
  const schemas = new Map(models.map((m) => [m.name, m.layer as string]));
  const warehouse = await Warehouse.open(':memory:');
  const sections: string[] = [
    `## ${scale}: slowest models`,
    '',
    `Profiled ${new Date().toISOString()} by \`npx tsx bench/profile.ts --scale ${scale}\`: each query run again (without the`,
    'sort by grain a table gets, and without its data tests) against the warehouse of the last bench build.',
  ];
  try {
    await warehouse.exec(`attach '${join(root, 'warehouse.duckdb')}' as built (read_only)`);
    await warehouse.exec('use built');
    for (const result of slowest) {
      const model = models.find((m) => m.name === result.name);
      if (!model) continue;
      const { query } = compileModel(model, warehouse.db(), schemas, run.vars);
      const rows = await warehouse.query<{ explain_value: string }>(
        `explain (analyze, format json) create or replace table memory.main.profiled as ${query.sql}`,
        query.parameters,
      );
      const json = rows[0]?.explain_value ?? '{}';
      const note = `In the build: ${Number(result.execution_time).toFixed(2)} s with its tests, ${result.rows ?? '?'} rows.`;
      sections.push('', profileMarkdown(`${scale} model ${result.name}`, topOperators(json, 8), note));
    }
  } finally {
    await warehouse.close();
  }
  const out = join(PROFILES_DIR, `${scale}-models.md`);
  await writeFile(out, `${sections.join('\n')}\n`);
  console.log(`wrote ${out}`);
}
