// One line per category (e.g. acquisition channel) over months, from long rows (month, category, value).
import * as Plot from '@observablehq/plot';
import { formatMonth } from './format.js';
import { CATEGORICAL } from './palette.js';

/** @param {{y: string, z: string, categories: string[], width: number, yLabel?: string, tickFormat?: Function, format?: Function}} options */
export function categoryLines(rows, { y, z, categories, width, height = 240, yLabel, tickFormat, format }) {
  return Plot.plot({
    width,
    height,
    marginLeft: 56,
    marginRight: 16,
    x: { type: 'utc', label: null },
    y: { label: yLabel ?? null, grid: true, tickFormat, zero: true },
    color: { domain: categories, range: CATEGORICAL, legend: true },
    marks: [
      Plot.lineY(rows, { x: 'month', y, z, stroke: z, strokeWidth: (r) => (r[z] === 'all' ? 3 : 1.5) }),
      Plot.dot(rows, {
        x: 'month',
        y,
        fill: z,
        r: 2,
        tip: { format: { x: formatMonth, y: format ?? true } },
      }),
    ],
  });
}
