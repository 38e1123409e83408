// Lines over months, one per column of the given rows (the table view shows those same columns).
// NULL values (undefined rates) leave gaps instead of dropping to zero.
import * as Plot from '@observablehq/plot';
import { formatMonth } from './format.js';
import { midMonth, monthAxis } from './month-axis.js';
import { OKABE_ITO } from './palette.js';
import { isRunningMonth, lineMarksWithRunningMonth, runningCaption } from './running-month.js';

/**
 * @param {object[]} rows wide rows: one per month
 * @param {{x?: string, series: {key: string, label: string, color: string}[], width: number, height?: number,
 *   yLabel?: string, tickFormat?: (v: number) => string, format?: (v: number) => string,
 *   rules?: {value: number, label: string}[], zero?: boolean, monthSpans?: boolean,
 *   running?: {month: Date, asOf: string}}} options
 *   monthSpans: each point at the middle of its month and the x axis over whole months, as monthly bars
 *   drawn below it (stacked-bars.js) have theirs, so the two charts' months line up.
 *   running: the month still running at as_of (running-month.js): its point is hollow, at the end of a
 *   dashed line, and a caption says so (unless `captioned` is false: a chart drawn above another that
 *   says it for both).
 */
export function lineChart(
  rows,
  {
    x = 'month',
    series,
    width,
    height = 240,
    yLabel,
    tickFormat,
    format,
    rules = [],
    zero,
    monthSpans,
    running,
    captioned = true,
  },
) {
  const long = series.flatMap((s) =>
    rows.map((r) => ({
      x: monthSpans ? midMonth(r[x]) : r[x],
      y: r[s.key],
      series: s.label,
      running: isRunningMonth(r[x], running),
    })),
  );
  // A running month with no value (a rate of nothing yet) draws nothing, so nothing is said of it.
  const drawsRunning = long.some((d) => d.running && d.y != null);
  return Plot.plot({
    caption: drawsRunning && captioned ? runningCaption(running, 'its point is hollow') : undefined,
    width,
    height,
    marginLeft: 56,
    marginRight: 16,
    x: monthAxis(
      rows.map((r) => r[x]),
      width,
      { spans: monthSpans },
    ),
    y: { label: yLabel ?? null, grid: true, tickFormat, zero },
    color: {
      domain: series.map((s) => s.label),
      range: series.map((s) => s.color),
      legend: series.length > 1,
    },
    marks: [
      ...rules.flatMap((rule) => [
        Plot.ruleY([rule.value], { stroke: OKABE_ITO.vermillion, strokeDasharray: '4,3' }),
        Plot.text([rule], {
          y: 'value',
          text: 'label',
          frameAnchor: 'left',
          dy: -6,
          fill: OKABE_ITO.vermillion,
        }),
      ]),
      // z named: with one month each series is one point, and Plot warned of an implicit z of high cardinality.
      ...lineMarksWithRunningMonth(long, {
        x: 'x',
        isRunning: (d) => drawsRunning && d.running,
        line: { x: 'x', y: 'y', z: 'series', stroke: 'series', strokeWidth: 2 },
        dot: {
          x: 'x',
          y: 'y',
          fill: 'series',
          r: 2,
          tip: { format: { x: formatMonth, y: format ?? true, fill: true } },
        },
      }),
    ],
  });
}
