// More categories than the palette's eight colours: a ninth colour would repeat the first, and two
// categories would read as one. The first seven (callers list them by importance) keep a colour of their
// own; the others share grey (the palette's last colour, given to no other) and are named under the chart.
import { el } from './dom.js';
import { CATEGORICAL, OKABE_ITO } from './palette.js';

/** The categories drawn in a colour of their own, and the others, drawn grey. */
export function colouredCategories(categories) {
  if (categories.length <= CATEGORICAL.length) return { coloured: categories, grey: [] };
  const coloured = categories.slice(0, CATEGORICAL.length - 1);
  return { coloured, grey: categories.slice(coloured.length) };
}

/** A Plot colour scale for these categories: the coloured ones in the legend, every other one grey. */
export function categoryColor({ coloured }) {
  return {
    domain: coloured,
    range: CATEGORICAL.slice(0, coloured.length),
    unknown: OKABE_ITO.grey,
    legend: true,
  };
}

/** The chart, with a line under it naming the categories drawn grey (none: the chart alone). */
export function withGreyNamed(chart, { grey }, noun) {
  if (grey.length === 0) return chart;
  return el(
    'div',
    {},
    chart,
    el(
      'p',
      { class: 'muted small' },
      `In grey, ${grey.length} more ${noun}: ${grey.join(', ')} (each in the table view).`,
    ),
  );
}
