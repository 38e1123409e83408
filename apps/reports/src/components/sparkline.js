// A KPI's recent history in a card: no axes, the latest point marked, an optional benchmark rule.
import * as Plot from '@observablehq/plot';
import { OKABE_ITO } from './palette.js';

/** @param {{x: Date, y: number|null}[]} points */
export function sparkline(points, { width, benchmark, label }) {
  const last = points.filter((p) => p.y != null).at(-1);
  const ys = points.map((p) => p.y).filter((y) => y != null);
  return Plot.plot({
    width,
    height: 48,
    margin: 4,
    ariaLabel: label,
    x: { axis: null, type: 'utc' },
    // With a benchmark, keep it in view even when every point is far below it.
    y: { axis: null, domain: benchmark == null ? undefined : [0, 1.1 * Math.max(benchmark, ...ys)] },
    marks: [
      benchmark != null
        ? Plot.ruleY([benchmark], {
            stroke: OKABE_ITO.vermillion,
            strokeDasharray: '3,3',
            ariaLabel: 'benchmark',
          })
        : null,
      Plot.lineY(points, { x: 'x', y: 'y', stroke: OKABE_ITO.blue, strokeWidth: 1.5 }),
      last ? Plot.dot([last], { x: 'x', y: 'y', fill: OKABE_ITO.blue, r: 2.5 }) : null,
    ],
  });
}
