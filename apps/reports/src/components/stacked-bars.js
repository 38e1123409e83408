// Monthly bars stacked by series; negative values (contraction, churn) stack below zero.
// An optional line (e.g. net new MRR) is drawn on the same scale.
import * as Plot from '@observablehq/plot';
import { formatMonth } from './format.js';
import { midMonth, monthAxis } from './month-axis.js';
import { isRunningMonth, lineMarksWithRunningMonth, runningCaption } from './running-month.js';

/**
 * @param {object[]} rows wide rows: one per month
 * @param {{x?: string, series: {key: string, label: string, color: string}[], line?: {key: string, label: string, color: string},
 *   width: number, height?: number, yLabel?: string, tickFormat?: (v: number) => string, format?: (v: number) => string,
 *   running?: {month: Date, asOf: string}}} options
 *   running: the month still running at as_of (running-month.js): its bars are lighter, and a caption
 *   says so.
 */
export function stackedBars(
  allRows,
  { x = 'month', series, line, width, height = 260, yLabel, tickFormat, format, running },
) {
  // A month suppressed for config min_group_size has no bar (its NULL amounts are not zeros).
  const rows = allRows.filter((r) => r.suppressed == null);
  const long = series.flatMap((s) =>
    rows.map((r) => ({
      x: r[x],
      y: r[s.key] ?? 0,
      series: s.label,
      running: isRunningMonth(r[x], running),
    })),
  );
  const drawsRunning = long.some((d) => d.running);
  // Every bar 0 (the months left are empty): a scale of 0 to 0 would draw each bar the chart's full height.
  const flat = long.every((d) => d.y === 0);
  const legend = [...series, ...(line ? [line] : [])];
  const barOptions = {
    x: 'x',
    interval: 'month',
    y: 'y',
    fill: 'series',
    inset: 0.5,
    // The bar spans its month (x1 to x2): its tip names the month, not "Sep 2026–Oct 2026".
    channels: { Month: { value: 'x', label: 'Month' } },
    tip: { format: { Month: formatMonth, x: false, y: format ?? true, fill: true } },
  };
  return Plot.plot({
    caption: drawsRunning
      ? runningCaption(running, line ? 'its bars are lighter and its points hollow' : 'its bars are lighter')
      : undefined,
    width,
    height,
    marginLeft: 56,
    marginRight: 16,
    // Over every month, a suppressed one too (a gap, where a chart above it has its point).
    x: monthAxis(
      allRows.map((r) => r[x]),
      width,
      { spans: true },
    ),
    y: { label: yLabel ?? null, grid: true, tickFormat, ...(flat ? { domain: [0, 1] } : {}) },
    color: { domain: legend.map((s) => s.label), range: legend.map((s) => s.color), legend: true },
    marks: [
      // The running month's bars in a mark of their own, lighter: each month's stack is within one mark.
      Plot.rectY(
        long.filter((d) => !d.running),
        barOptions,
      ),
      ...(drawsRunning
        ? [
            Plot.rectY(
              long.filter((d) => d.running),
              { ...barOptions, fillOpacity: 0.45 },
            ),
          ]
        : []),
      Plot.ruleY([0]),
      ...(line ? lineMarks(rows, { x, line, running: drawsRunning ? running : undefined }) : []),
    ],
  });
}

/**
 * The line drawn over the bars (e.g. net new MRR), each point at the middle of its month, the running
 * month's apart as in lineChart: half a month's net new MRR read as a drop.
 */
function lineMarks(rows, { x, line, running }) {
  const points = rows.map((r) => ({
    x: midMonth(r[x]),
    y: r[line.key],
    running: isRunningMonth(r[x], running),
  }));
  return lineMarksWithRunningMonth(points, {
    x: 'x',
    isRunning: (p) => p.running,
    line: { x: 'x', y: 'y', stroke: line.color, strokeWidth: 2 },
    dot: { x: 'x', y: 'y', fill: line.color, r: 2.5 },
  });
}
