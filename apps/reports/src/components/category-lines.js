// One line per category (e.g. acquisition channel) over months, from long rows (month, category, value).
// Past the palette's eight colours, the first seven categories keep one each (palette-overflow.js).
import * as Plot from '@observablehq/plot';
import { formatMonth } from './format.js';
import { categoryColor, colouredCategories, withGreyNamed } from './palette-overflow.js';
import { isRunningMonth, lineMarksWithRunningMonth, runningCaption } from './running-month.js';

/**
 * @param {{y: string, z: string, categories: string[], width: number, yLabel?: string, tickFormat?: Function,
 *   format?: Function, noun?: string, running?: {month: Date, asOf: string}}} options categories: by
 *   importance; running: the month still running at as_of (running-month.js): its points are hollow, at
 *   the end of dashed lines, and a caption says so.
 */
export function categoryLines(
  rows,
  { y, z, categories, width, height = 240, yLabel, tickFormat, format, noun = 'categories', running },
) {
  const colours = colouredCategories(categories);
  const isRunning = (r) => isRunningMonth(r.month, running);
  const drawsRunning = rows.some((r) => isRunning(r) && r[y] != null);
  const plot = Plot.plot({
    caption: drawsRunning ? runningCaption(running, 'its points are hollow') : undefined,
    width,
    height,
    marginLeft: 56,
    marginRight: 16,
    x: { type: 'utc', label: null },
    y: { label: yLabel ?? null, grid: true, tickFormat, zero: true },
    color: categoryColor(colours),
    marks: [
      ...lineMarksWithRunningMonth(rows, {
        x: 'month',
        isRunning: (r) => drawsRunning && isRunning(r),
        line: { x: 'month', y, z, stroke: z, strokeWidth: (r) => (r[z] === 'all' ? 3 : 1.5) },
        dot: { x: 'month', y, fill: z, r: 2, tip: { format: { x: formatMonth, y: format ?? true } } },
      }),
    ],
  });
  return withGreyNamed(plot, colours, noun);
}
