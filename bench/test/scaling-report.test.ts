// XL / L measured in one run: the XL build against the mean of the L builds around it, and the target
// row judged on that ratio, not on the two scales' separate bench runs.
import { describe, expect, it } from 'vitest';
import { scalingSection, scalingTarget } from '../report-scaling.js';
import { type ScalingResult, scalingRatios } from '../scaling-result.js';

const step = (scale: 'L' | 'XL', what: 'floor' | 'build', seconds: number, cpuSeconds = seconds * 2) => ({
  scale,
  what,
  seconds,
  cpuSeconds,
  peakRssMb: 1000,
  loadAverage: 1,
});

function result(xlBuild: number): ScalingResult {
  return {
    measuredAt: '2026-12-05T00:00:00.000Z',
    revision: 'abc1234',
    uncommittedFiles: [],
    machine: { cpus: 2, cpuModel: 'test', memoryGb: 24, node: 'v20', duckdb: 'v1.5.6', loadAverage: 1 },
    command: 'npm run bench:scaling',
    events: { L: 50, XL: 150 },
    steps: [
      step('L', 'floor', 30),
      step('L', 'build', 90),
      step('XL', 'floor', 99),
      step('XL', 'build', xlBuild),
      step('L', 'floor', 36),
      step('L', 'build', 110),
    ],
  };
}

describe('scalingRatios', () => {
  it('divides XL by the mean of the L runs, for builds, their CPU and floors', () => {
    const ratios = scalingRatios(result(300));
    expect(ratios.lBuild).toBe(100);
    expect(ratios.xlBuild).toBe(300);
    expect(ratios.build).toBe(3);
    expect(ratios.buildCpu).toBe(3);
    expect(ratios.floor).toBe(3);
  });
});

describe('scalingTarget', () => {
  it('is met at 3.3× and missed above it', () => {
    expect(scalingTarget(result(330))[1]).toBe(true);
    expect(scalingTarget(result(331))[1]).toBe(false);
  });

  it('names both L builds, the floor ratio and the events ratio', () => {
    const [text] = scalingTarget(result(300));
    expect(text).toContain('3× in one run');
    expect(text).toContain('90.00 s and 110.00 s');
    expect(text).toContain('floor of the same files in the same run 3×');
    expect(text).toContain('3× the events');
  });
});

describe('scalingSection', () => {
  it('lists every step in the order it ran', () => {
    const lines: string[] = [];
    scalingSection(result(300), (text = '') => lines.push(text));
    const steps = lines.filter((l) => /^\| \d\./.test(l));
    expect(steps.map((l) => l.split('|')[2]!.trim())).toEqual(['L', 'L', 'XL', 'XL', 'L', 'L']);
    expect(lines.join('\n')).toContain('XL / L: build 3× (CPU 3×), floor 3×, events 3×.');
  });
});
