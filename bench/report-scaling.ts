// The "XL against L in one run" parts of BENCHMARKS.md, from bench/results/scaling.json
// (bench/scaling.ts): the target row and a section listing every measured step in order.
import { type ScalingResult, scalingRatios } from './scaling-result.js';
import { round } from './stats.js';

const times = (value: number) => `${round(value, 2)}×`;
const sec = (value: number) => `${value.toFixed(2)} s`;

/** The "XL time ≤ 3.3 × L" target, measured within one run: [measured text, met]. */
export function scalingTarget(r: ScalingResult): [string, boolean] {
  const ratios = scalingRatios(r);
  const lBuilds = r.steps.filter((s) => s.scale === 'L' && s.what === 'build').map((s) => sec(s.seconds));
  return [
    `${times(ratios.build)} in one run (\`npm run bench:scaling\`: XL ${sec(ratios.xlBuild)} against the L builds ` +
      `before and after it, ${lBuilds.join(' and ')}; CPU time ${times(ratios.buildCpu)}; DuckDB's floor of the ` +
      `same files in the same run ${times(ratios.floor)}; ${times(r.events.XL / r.events.L)} the events)`,
    ratios.build <= 3.3,
  ];
}

export function scalingSection(r: ScalingResult, line: (text?: string) => void): void {
  const ratios = scalingRatios(r);
  line();
  line('## XL against L in one run');
  line();
  line(
    `Written by \`${r.command}\` (bench/scaling.ts; raw figures in \`bench/results/scaling.json\`), measured ${r.measuredAt} ` +
      `at \`${r.revision}\`${r.uncommittedFiles.length ? ` plus uncommitted ${r.uncommittedFiles.join(', ')}` : ''} on ` +
      `${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.memoryGb} GB. L (${r.events.L.toLocaleString('en')} events), ` +
      `XL (${r.events.XL.toLocaleString('en')}), then L again, each DuckDB's load of the files (the floor) then ` +
      "Pulse's full build, one after the other: the XL build is compared with the mean of the two L builds around " +
      'it, so the ratio is not the difference between two hours of the machine.',
  );
  line();
  line('| step | scale | wall s | CPU s | peak RSS MB | load average at start |');
  line('|---|---|---|---|---|---|');
  r.steps.forEach((s, i) => {
    line(
      `| ${i + 1}. ${s.what} | ${s.scale} | ${s.seconds.toFixed(2)} | ${Number.isFinite(s.cpuSeconds) ? s.cpuSeconds.toFixed(1) : '—'} | ${Math.round(s.peakRssMb)} | ${s.loadAverage.toFixed(1)} |`,
    );
  });
  line();
  line(
    `XL / L: build ${times(ratios.build)} (CPU ${times(ratios.buildCpu)}), floor ${times(ratios.floor)}, events ` +
      `${times(r.events.XL / r.events.L)}.`,
  );
}
