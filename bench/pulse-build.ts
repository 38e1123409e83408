// One full `pulse build` in a scratch root: a package.json with `"workspaces": []` makes it the workspace
// root, and the warehouse, marts and artifacts are all named explicitly inside it, so the shared tree's
// target/ and data/marts/ are never touched and everything stays beside the run.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Measured, measure } from './measure.js';
import { PULSE_BIN } from './paths.js';

export interface SourceRate {
  readonly name: string;
  readonly rows: number;
  readonly seconds: number;
  readonly rowsPerSecond: number;
}

export interface ModelTiming {
  readonly name: string;
  readonly seconds: number;
  readonly rows: number | null;
}

export interface BuildRun {
  readonly measured: Measured;
  readonly root: string;
  readonly warehouse: string;
  readonly martsDir: string;
  readonly targetDir: string;
  readonly asOf: string;
  readonly currency: string;
  readonly ingestSeconds: number;
  /** CPU seconds from the "Ingesting" line to the first model's line (NaN without /proc). */
  readonly ingestCpuSeconds: number;
  readonly modelsSeconds: number;
  readonly sources: readonly SourceRate[];
  readonly models: readonly ModelTiming[];
}

/** A failed build keeps its measurement: time to failure and peak RSS are findings too. */
export class BuildFailed extends Error {
  constructor(
    readonly measured: Measured,
    message: string,
  ) {
    super(message);
  }
}

export async function scratchRoot(root: string): Promise<void> {
  await rm(root, { recursive: true, force: true });
  await mkdir(root, { recursive: true });
  await writeFile(join(root, 'package.json'), '{ "private": true, "workspaces": [] }\n');
}

/** `extraArgs` go after the paths, e.g. `--engine postgres --target <url>` (bench/engines.ts). */
export async function pulseBuild(
  dataDir: string,
  root: string,
  extraArgs: readonly string[] = [],
): Promise<BuildRun> {
  await scratchRoot(root);
  const warehouse = join(root, 'warehouse.duckdb');
  const martsDir = join(root, 'data', 'marts');
  const targetDir = join(root, 'target');
  const measured = await measure(
    [
      process.execPath,
      PULSE_BIN,
      'build',
      '--data',
      dataDir,
      '--warehouse',
      warehouse,
      '--marts',
      martsDir,
      '--artifacts',
      targetDir,
      ...extraArgs,
    ],
    {
      cwd: root,
      env: { NO_COLOR: '1' },
    },
  );
  if (measured.exitCode !== 0) {
    throw new BuildFailed(
      measured,
      `pulse build failed (${measured.exitCode}):\n${measured.stdout.slice(-3000)}\n${measured.stderr}`,
    );
  }
  return {
    ...(await readRunResults(targetDir, measured)),
    measured,
    root,
    warehouse,
    martsDir,
    targetDir,
  };
}

async function readRunResults(targetDir: string, measured: Measured) {
  const run = JSON.parse(await readFile(join(targetDir, 'run_results.json'), 'utf8'));
  const results: any[] = run.results;
  const firstModel = Math.min(...results.map((r) => Date.parse(r.started_at)));
  const ingestSeconds = (firstModel - Date.parse(run.started_at)) / 1000;
  const models = results
    .map((r) => ({
      name: r.name as string,
      seconds: r.execution_time as number,
      rows: r.rows as number | null,
    }))
    .sort((a, b) => b.seconds - a.seconds);
  return {
    asOf: run.as_of as string,
    currency: run.vars?.reportingCurrency ?? 'USD',
    ingestSeconds,
    ingestCpuSeconds: ingestCpu(measured),
    modelsSeconds: (Date.parse(run.finished_at) - firstModel) / 1000,
    sources: sourceRates(run.sources, measured),
    models,
  };
}

/**
 * The CPU the build used while ingesting: sampled as the "Ingesting …" line and the first "[1/N]" model
 * line arrive (so the first model, a staging table, is counted in; it is the same in every layout).
 */
function ingestCpu(measured: Measured): number {
  const start = measured.lines.find((l) => l.text.startsWith('Ingesting '))?.cpu;
  const end = measured.lines.find((l) => /^\[1\/\d+\]/.test(l.text))?.cpu;
  return start !== undefined && end !== undefined ? end - start : Number.NaN;
}

/**
 * run_results.json counts rows per source but has no per-source time, so the time is taken from the
 * progress lines: from the source's first "<name>: reading" line to its "<name>: N rows read" line,
 * stamped as they arrive on the child's stdout (resolution: one pipe chunk).
 */
function sourceRates(sources: any[], measured: Measured): SourceRate[] {
  return sources.map((source) => {
    const name: string = source.name;
    const start = measured.lines.find((l) => l.text.startsWith(`${name}: reading`))?.t;
    const end = measured.lines.find((l) => new RegExp(`^${name}: \\d+ rows read`).test(l.text))?.t;
    const seconds = start !== undefined && end !== undefined ? end - start : Number.NaN;
    return { name, rows: source.rows_read, seconds, rowsPerSecond: source.rows_read / seconds };
  });
}
