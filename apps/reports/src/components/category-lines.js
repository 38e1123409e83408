// One line per category (e.g. acquisition channel) over months, from long rows (month, category, value).
// The palette has eight colours: with more categories a ninth line repeated the first one's colour, so
// two channels read as one. The first seven categories (callers list them by importance) keep a colour
// of their own; the others are drawn in grey and named under the chart (the table view has each).
import * as Plot from '@observablehq/plot';
import { el } from './dom.js';
import { formatMonth } from './format.js';
import { CATEGORICAL, OKABE_ITO } from './palette.js';

/** The categories drawn in a colour of their own, and the others (drawn grey, named under the chart). */
export function colouredCategories(categories) {
  if (categories.length <= CATEGORICAL.length) return { coloured: categories, grey: [] };
  // Grey is the palette's last colour: the others' colour, so no coloured line may have it.
  const coloured = categories.slice(0, CATEGORICAL.length - 1);
  return { coloured, grey: categories.slice(coloured.length) };
}

/** @param {{y: string, z: string, categories: string[], width: number, yLabel?: string, tickFormat?: Function, format?: Function, noun?: string}} options */
export function categoryLines(
  rows,
  { y, z, categories, width, height = 240, yLabel, tickFormat, format, noun = 'categories' },
) {
  const { coloured, grey } = colouredCategories(categories);
  const plot = Plot.plot({
    width,
    height,
    marginLeft: 56,
    marginRight: 16,
    x: { type: 'utc', label: null },
    y: { label: yLabel ?? null, grid: true, tickFormat, zero: true },
    color: {
      domain: coloured,
      range: CATEGORICAL.slice(0, coloured.length),
      unknown: OKABE_ITO.grey,
      legend: true,
    },
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
  if (grey.length === 0) return plot;
  return el(
    'div',
    {},
    plot,
    el(
      'p',
      { class: 'muted small' },
      `In grey, ${grey.length} more ${noun}: ${grey.join(', ')} (each in the table view).`,
    ),
  );
}
