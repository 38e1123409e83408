// Command-line options of the benchmarks: unknown flags are refused and `--help` prints the usage, so a
// mistyped flag never starts a run of several minutes.
import { parseArgs as parseNodeArgs } from 'node:util';

export type Scale = 'S' | 'M' | 'L' | 'XL';

export interface BenchArgs {
  readonly scale: Scale;
  readonly runs: number;
  readonly site: boolean;
  readonly arquero: boolean;
  readonly refresh: boolean;
  /** The canonical layout against a vendor layout read through `sources` (bench/mapping-overhead.ts). */
  readonly mapping: boolean;
  /** Build twice and compare the mart Parquet bytes (one extra build when --runs is 1). */
  readonly reproducibility: boolean;
  /** Measure only this part and keep the scale's other figures from its bench/results/<scale>.json. */
  readonly only?: 'mapping';
}

export const BENCH_USAGE = `Usage: npm run bench -- [--scale S|M|L|XL] [--runs N] [--skip-site] [--skip-arquero] [--skip-refresh]
                       [--skip-mapping] [--skip-reproducibility] [--only mapping]

Measures Pulse's full build against the DuckDB load floor, Arquero on three marts, refresh, the site,
the cost of a mapped (vendor) layout and whether two builds give byte-identical marts, at one scale
(S: 500 accounts, M: 10,000, L: 100,000, XL: 300,000), and rewrites bench/results/<scale>.json,
BENCHMARKS.md and the chart.

  --scale S|M|L|XL dataset size (default S)
  --runs N         runs per figure; the median is reported (default 3, 1 at L and XL)
  --skip-site      do not build the report site
  --skip-arquero   do not run the Arquero comparison
  --skip-refresh   do not measure refreshes (two more full builds per run)
  --skip-mapping   do not compare the canonical layout with a mapped one (two more full builds per run)
  --skip-reproducibility
                   do not compare the marts of two builds byte for byte (with --runs 1 that check
                   costs one more full build)
  --only mapping   measure only that comparison; the scale's other figures stay as last measured
                   (bench/results/<scale>.json must exist)
  -h, --help       show this help`;

export const MANY_FILES_USAGE = `Usage: npm run bench:files -- [--files N] [--runs R]

The same event rows as N one-row CSV files and as four files: pulse build, a no-op refresh and a refresh
after one more file, for each layout back to back per run. Rewrites bench/results/many-files.json and the
"Many small files" section of BENCHMARKS.md.

  --files N        how many one-row files (default 10000)
  --runs R         runs; the median is reported (default 3)
  -h, --help       show this help`;

export const ENGINES_USAGE = `Usage: npm run bench:engines -- --scale S|M|L

The scale's export folder built by \`pulse build\` on DuckDB, then on PostgreSQL (a throwaway server on
loopback, started and stopped here), each a child process under /usr/bin/time -v: wall time, CLI CPU,
the server's CPU, peak RSS, and whether the marts are equal (numbers to 1e-9 relative). Writes the
scale's entry of bench/results/engines.json and the "A second engine" section of BENCHMARKS.md.
Run it under the heavy-job lock.

  --scale S|M|L    dataset size (required: S is the bundled sample, M 10,000 accounts, L 100,000)
  -h, --help       show this help`;

export const SCALING_USAGE = `Usage: npm run bench:scaling

XL against L in one run: L, XL, then L again, each the DuckDB load floor then Pulse's full build, so the
XL / L ratio compares builds minutes apart rather than two bench invocations hours apart. Takes about
15 minutes on 2 cores. Writes bench/results/scaling.json and the "XL against L" section of BENCHMARKS.md.

  -h, --help       show this help`;

export function parseScalingArgs(argv: readonly string[]): void {
  parsed(argv, SCALING_USAGE, {});
}

export function parseEnginesArgs(argv: readonly string[]): { scale: Exclude<Scale, 'XL'> } {
  const { values } = parsed(argv, ENGINES_USAGE, { scale: { type: 'string' } });
  const scale = String(values.scale ?? '').toUpperCase();
  if (scale !== 'S' && scale !== 'M' && scale !== 'L')
    fail(`--scale must be S, M or L, not "${scale}"`, ENGINES_USAGE);
  return { scale };
}

export function parseArgs(argv: readonly string[]): BenchArgs {
  const { values } = parsed(argv, BENCH_USAGE, {
    scale: { type: 'string' },
    runs: { type: 'string' },
    'skip-site': { type: 'boolean' },
    'skip-arquero': { type: 'boolean' },
    'skip-refresh': { type: 'boolean' },
    'skip-mapping': { type: 'boolean' },
    'skip-reproducibility': { type: 'boolean' },
    only: { type: 'string' },
  });
  const scale = String(values.scale ?? 'S').toUpperCase();
  if (scale !== 'S' && scale !== 'M' && scale !== 'L' && scale !== 'XL')
    fail(`--scale must be S, M, L or XL, not ${scale}`, BENCH_USAGE);
  // L and XL take minutes per build on the 2-core box: one run unless asked otherwise (said in the report).
  const runs = positiveInteger('--runs', values.runs, scale === 'L' || scale === 'XL' ? 1 : 3, BENCH_USAGE);
  if (values.only !== undefined && values.only !== 'mapping')
    fail(`--only takes mapping, not ${String(values.only)}`, BENCH_USAGE);
  if (values.only === 'mapping' && values['skip-mapping'])
    fail('--only mapping and --skip-mapping contradict each other', BENCH_USAGE);
  return {
    scale: scale as Scale,
    runs,
    site: !values['skip-site'],
    arquero: !values['skip-arquero'],
    // A refresh that rebuilds everything costs two more full builds per run: skippable at L.
    refresh: !values['skip-refresh'],
    mapping: !values['skip-mapping'],
    reproducibility: !values['skip-reproducibility'],
    ...(values.only === 'mapping' ? { only: 'mapping' as const } : {}),
  };
}

export function parseManyFilesArgs(argv: readonly string[]): { files: number; runs: number } {
  const { values } = parsed(argv, MANY_FILES_USAGE, { files: { type: 'string' }, runs: { type: 'string' } });
  return {
    files: positiveInteger('--files', values.files, 10_000, MANY_FILES_USAGE),
    runs: positiveInteger('--runs', values.runs, 3, MANY_FILES_USAGE),
  };
}

type Options = Record<string, { type: 'string' | 'boolean' }>;

function parsed(argv: readonly string[], usage: string, options: Options) {
  let result: ReturnType<typeof parseNodeArgs>;
  try {
    result = parseNodeArgs({
      args: [...argv],
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      strict: true,
    });
  } catch (error) {
    fail((error as Error).message, usage);
  }
  if (result.values.help) {
    console.log(usage);
    process.exit(0);
  }
  return result as { values: Record<string, string | boolean | undefined> };
}

function positiveInteger(flag: string, value: unknown, fallback: number, usage: string): number {
  const n = value === undefined ? fallback : Number(value);
  if (!Number.isInteger(n) || n < 1)
    fail(`${flag} must be a positive whole number, got ${String(value)}`, usage);
  return n;
}

function fail(message: string, usage: string): never {
  console.error(`${message}\n\n${usage}`);
  process.exit(2);
}
