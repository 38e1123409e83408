// What `npm run bench:scaling` measured, saved as bench/results/scaling.json for BENCHMARKS.md.
import type { Machine } from './machine.js';

/** One measured command of the sequence, in the order it ran. */
export interface ScalingStep {
  readonly scale: 'L' | 'XL';
  readonly what: 'floor' | 'build';
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly peakRssMb: number;
  /** The 1-minute load average when the step started. */
  readonly loadAverage: number;
}

export interface ScalingResult {
  readonly measuredAt: string;
  readonly revision: string;
  readonly uncommittedFiles: readonly string[];
  readonly machine: Machine;
  readonly command: string;
  readonly events: { readonly L: number; readonly XL: number };
  /** L, XL, L: each scale's floor then its build, so the XL run sits between two L runs. */
  readonly steps: readonly ScalingStep[];
}

/**
 * XL against the L runs around it (their mean), for builds and for floors: the machine's load moves
 * both scales the same way within a run, which two invocations hours apart do not share.
 */
export function scalingRatios(result: ScalingResult): {
  build: number;
  floor: number;
  buildCpu: number;
  lBuild: number;
  xlBuild: number;
} {
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  const of = (scale: 'L' | 'XL', what: 'floor' | 'build') =>
    result.steps.filter((s) => s.scale === scale && s.what === what);
  const lBuild = mean(of('L', 'build').map((s) => s.seconds));
  const xlBuild = mean(of('XL', 'build').map((s) => s.seconds));
  return {
    build: xlBuild / lBuild,
    floor: mean(of('XL', 'floor').map((s) => s.seconds)) / mean(of('L', 'floor').map((s) => s.seconds)),
    buildCpu:
      mean(of('XL', 'build').map((s) => s.cpuSeconds)) / mean(of('L', 'build').map((s) => s.cpuSeconds)),
    lBuild,
    xlBuild,
  };
}
