// One line per category (e.g. acquisition channel) over months, from long rows (month, category, value).
// Past the palette's eight colours, the first seven categories keep one each (palette-overflow.js).
import * as Plot from '@observablehq/plot';
import { formatMonth } from './format.js';
import { categoryColor, colouredCategories, withGreyNamed } from './palette-overflow.js';

/** @param {{y: string, z: string, categories: string[], width: number, yLabel?: string, tickFormat?: Function, format?: Function, noun?: string}} options categories: by importance */
export function categoryLines(
  rows,
  { y, z, categories, width, height = 240, yLabel, tickFormat, format, noun = 'categories' },
) {
  const colours = colouredCategories(categories);
  const plot = Plot.plot({
    width,
    height,
    marginLeft: 56,
    marginRight: 16,
    x: { type: 'utc', label: null },
    y: { label: yLabel ?? null, grid: true, tickFormat, zero: true },
    color: categoryColor(colours),
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
  return withGreyNamed(plot, colours, noun);
}
