// Data-quality charts: data-test results per model and quarantined rows per source and reason.
import * as Plot from '@observablehq/plot';
import { OKABE_ITO } from './palette.js';
import { categoryColor, colouredCategories, withGreyNamed } from './palette-overflow.js';

/** rows: {model, status, tests_passed, tests_failed} per node. */
export function testResultsChart(rows, { width }) {
  const long = rows.flatMap((r) => [
    { model: r.model, result: 'passed', tests: r.tests_passed },
    { model: r.model, result: 'failed', tests: r.tests_failed },
  ]);
  const marginLeft = Math.min(190, width / 2.5);
  return Plot.plot({
    width,
    height: 30 + rows.length * 18,
    marginLeft,
    x: { label: 'Data tests', grid: true, axis: 'top' },
    y: { label: null, domain: rows.map((r) => r.model) },
    color: { domain: ['passed', 'failed'], range: [OKABE_ITO.blue, OKABE_ITO.vermillion], legend: true },
    marks: [
      // A model name longer than the margin (on a phone) is shortened in the middle, its ends kept, with
      // the full name as its title; it was cut at the SVG's edge. lineWidth is in ems of the 10 px ticks,
      // less the tick and its padding, with room for a system font wider than Plot's estimate.
      Plot.axisY({ label: null, lineWidth: (marginLeft - 9) / 11, textOverflow: 'ellipsis-middle' }),
      Plot.barX(long, { y: 'model', x: 'tests', fill: 'result', tip: true }),
      Plot.ruleX([0]),
    ],
  });
}

/** rows: {source, reason, rows} */
export function quarantineChart(rows, { width }) {
  // The reasons with the most rows first: past eight, those keep a colour of their own.
  const rowsOf = new Map();
  for (const r of rows) rowsOf.set(r.reason, (rowsOf.get(r.reason) ?? 0) + r.rows);
  const colours = colouredCategories(
    [...rowsOf.keys()].sort((a, b) => rowsOf.get(b) - rowsOf.get(a) || (a < b ? -1 : 1)),
  );
  const chart = Plot.plot({
    width,
    height: 50 + new Set(rows.map((r) => r.source)).size * 28,
    marginLeft: 120,
    x: { label: 'Quarantined rows', grid: true, axis: 'top' },
    y: { label: null },
    color: categoryColor(colours),
    marks: [
      Plot.barX(rows, { y: 'source', x: 'rows', fill: 'reason', tip: true, sort: { y: '-x' } }),
      Plot.ruleX([0]),
    ],
  });
  return withGreyNamed(chart, colours, 'reasons');
}
