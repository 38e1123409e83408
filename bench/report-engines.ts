// The "A second engine: PostgreSQL vs DuckDB" section of BENCHMARKS.md, from bench/results/engines.json
// (bench/engines.ts): one row per scale, the latest run of each.
import type { EnginesEntry, EnginesResult } from './engines-result.js';
import { round } from './stats.js';

const ORDER = ['S', 'M', 'L', 'XL'];
const sec = (value: number) => (Number.isFinite(value) ? `${value.toFixed(1)} s` : '—');
const mb = (value: number) => (Number.isFinite(value) ? `${Math.round(value).toLocaleString('en')} MB` : '—');
const times = (a: number, b: number) =>
  Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${round(a / b, 2)}×` : '—';

function row(e: EnginesEntry): string {
  const d = e.duckdb;
  const p = e.postgresBuild;
  const pgCpu = p.cliCpuSeconds + p.serverCpuSeconds;
  const failed = (exitCode: number) => (exitCode === 0 ? '' : ` **(failed, exit ${exitCode})**`);
  const equal = e.marts.equal
    ? `yes (${e.marts.files} files, ${e.marts.rows.toLocaleString('en')} rows)`
    : '**no**';
  return [
    e.scale,
    e.dataset.events.toLocaleString('en'),
    `${sec(d.seconds)}${failed(d.exitCode)}`,
    sec(d.cliCpuSeconds),
    mb(d.peakRssMb),
    `${sec(p.seconds)}${failed(p.exitCode)}`,
    sec(p.cliCpuSeconds),
    sec(p.serverCpuSeconds),
    mb(p.peakRssMb),
    mb(p.serverPeakPssMb),
    times(p.seconds, d.seconds),
    times(pgCpu, d.cliCpuSeconds),
    equal,
  ].join(' | ');
}

export function enginesSection(result: EnginesResult, line: (text?: string) => void): void {
  const entries = Object.values(result.entries).sort(
    (a, b) => ORDER.indexOf(a.scale) - ORDER.indexOf(b.scale),
  );
  if (entries.length === 0) return;
  line();
  line('## A second engine: PostgreSQL vs DuckDB');
  line();
  line(
    'Written by `flock /tmp/heavy.lock npm run bench:engines -- --scale S|M|L`, one scale per command (bench/engines.ts; raw figures in `bench/results/engines.json`, one entry per scale, the latest run).',
  );
  line(
    'The same export folder, one full `pulse build` on DuckDB, then one with `--engine postgres` against a throwaway PostgreSQL server on the same machine (ingestion and validation stay local in DuckDB, raw and quarantine are COPYed in, every model and data test runs in the server, marts come back to the same Parquet). One run per engine, back to back. CLI CPU is user + sys of the `pulse` process from `/usr/bin/time -v`; server CPU is user + sys of every PostgreSQL process over the build, read from `/proc` (the postmaster, its live children and the children it reaped); server memory is the largest sum of the server processes\' PSS, sampled every 2 s (shared_buffers counted once). "CPU ratio" is (CLI + server CPU) on PostgreSQL over the CLI CPU on DuckDB.',
  );
  line();
  line(
    '| scale | events | DuckDB build | DuckDB CPU | DuckDB peak RSS | PostgreSQL build | PostgreSQL CLI CPU | PostgreSQL server CPU | PostgreSQL CLI peak RSS | PostgreSQL server memory | build ratio (PG / DuckDB) | CPU ratio (PG / DuckDB) | marts equal |',
  );
  line('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const e of entries) line(`| ${row(e)} |`);
  line();
  line(
    'Marts equal: the same files, columns and types, and rows in the same order; numbers to 1e-9 relative, everything else exactly (bench/engine-marts.ts).',
  );
  for (const e of entries) {
    const settings = Object.entries(e.postgres.settings)
      .map(([name, value]) => `${name}=${value}`)
      .join(', ');
    line();
    line(
      `- **${e.scale}** measured ${e.measuredAt} at \`${e.revision}\`${e.uncommittedFiles.length ? ` plus uncommitted ${e.uncommittedFiles.join(', ')}` : ''} on ${e.machine.cpus} × ${e.machine.cpuModel}, ${e.machine.memoryGb} GB; load average ${round(e.duckdb.loadAverage, 2)} at the DuckDB build, ${round(e.postgresBuild.loadAverage, 2)} at the PostgreSQL build. ${e.postgres.version}: ${settings}.`,
    );
    if (e.duckdb.ingestSeconds !== null && e.postgresBuild.ingestSeconds !== null) {
      line(
        `  Ingestion (to the first model) ${sec(e.duckdb.ingestSeconds)} on DuckDB, ${sec(e.postgresBuild.ingestSeconds)} on PostgreSQL (of which ${sec(e.postgresBuild.copySeconds ?? Number.NaN)} copying raw and quarantine into the server); models ${sec(e.duckdb.modelsSeconds ?? Number.NaN)} vs ${sec(e.postgresBuild.modelsSeconds ?? Number.NaN)}.`,
      );
    }
    for (const text of e.marts.differences.slice(0, 5)) line(`  Difference: ${text}`);
    if (e.postgresBuild.error)
      line(`  PostgreSQL build failed: \`${e.postgresBuild.error.split('\n').at(-1)}\``);
  }
  const note = entries.at(-1)!.postgres.note;
  line();
  line(`Server settings: ${note}`);
  line();
  line('Reproduce (one scale per command, M first; the dataset is generated on first use):');
  line();
  line('```sh');
  for (const e of entries) line(e.commands.bench);
  line('```');
}
