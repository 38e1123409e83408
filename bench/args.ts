// Command-line options of `npm run bench -- --scale S|M|L [--runs N] [--skip-site|--skip-arquero|--skip-refresh]`.
export type Scale = 'S' | 'M' | 'L';

export interface BenchArgs {
  readonly scale: Scale;
  readonly runs: number;
  readonly site: boolean;
  readonly arquero: boolean;
  readonly refresh: boolean;
}

export function parseArgs(argv: readonly string[]): BenchArgs {
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const scale = (value('--scale') ?? 'S').toUpperCase();
  if (scale !== 'S' && scale !== 'M' && scale !== 'L')
    throw new Error(`--scale must be S, M or L, not ${scale}`);
  // L takes minutes per build on the 2-core box: one run unless asked otherwise (said in the report).
  const runs = Number(value('--runs') ?? (scale === 'L' ? 1 : 3));
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive integer');
  return {
    scale,
    runs,
    site: !argv.includes('--skip-site'),
    arquero: !argv.includes('--skip-arquero'),
    // A refresh that rebuilds everything costs two more full builds per run: skippable at L.
    refresh: !argv.includes('--skip-refresh'),
  };
}
