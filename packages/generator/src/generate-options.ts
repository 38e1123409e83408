import { availableParallelism } from 'node:os';
import type { GenerateOptions } from '@pulse/core';
import { PulseError } from '@pulse/core';

/** The options of `pulse generate` plus the knobs only this generator has; every extra one is optional. */
export interface GenerateSampleOptions extends GenerateOptions {
  /** Last day with data, `YYYY-MM-DD`; default `2026-10-15`, so the last month is partial. */
  readonly end?: string;
  /** Invalid rows to inject (default 0), one of each kind in turn, so the quarantine path has work to do. */
  readonly corruptRows?: number;
  /** Worker threads writing events parts (default: the machine's cores); 0 writes them on this thread. */
  readonly workers?: number;
  /** gzip level of the events parts, 1–9 (default 1: compression is most of the cost; level 9 is ~20% smaller). */
  readonly gzipLevel?: number;
}

export class GenerateOptionsError extends PulseError {
  override readonly name = 'GenerateOptionsError';
}

export interface ResolvedGenerateOptions {
  readonly outDir: string;
  readonly accounts: number;
  readonly months: number;
  readonly seed: number;
  readonly end: string;
  readonly corruptRows: number;
  readonly workers: number;
  readonly gzipLevel: number;
  readonly onProgress: (message: string) => void;
}

export const DEFAULT_END = '2026-10-15';

function requireInteger(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new GenerateOptionsError(
      `generate: ${name} must be a whole number from ${min} to ${max}, got ${value}.`,
    );
  }
  return value;
}

export function resolveGenerateOptions(options: GenerateSampleOptions): ResolvedGenerateOptions {
  const end = options.end ?? DEFAULT_END;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(end) || new Date(`${end}T00:00:00Z`).toISOString().slice(0, 10) !== end) {
    throw new GenerateOptionsError(`generate: end must be a real date written YYYY-MM-DD, got "${end}".`);
  }
  if (!options.outDir) throw new GenerateOptionsError('generate: outDir is required (the folder to write).');
  return {
    outDir: options.outDir,
    accounts: requireInteger('accounts', options.accounts, 1, 10_000_000),
    months: requireInteger('months', options.months, 1, 240),
    // Any 32-bit pattern is a seed; negative and large values are folded rather than rejected.
    seed: requireInteger('seed', options.seed, -(2 ** 53), 2 ** 53) | 0,
    end,
    corruptRows: requireInteger('corruptRows', options.corruptRows ?? 0, 0, 1000),
    workers: requireInteger('workers', options.workers ?? availableParallelism(), 0, 64),
    gzipLevel: requireInteger('gzipLevel', options.gzipLevel ?? 1, 1, 9),
    onProgress: options.onProgress ?? (() => {}),
  };
}
