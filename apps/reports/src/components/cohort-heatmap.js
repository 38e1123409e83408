// Retention by cohort month (rows) × months since the cohort's first month (columns).
import * as Plot from '@observablehq/plot';
import { cohortCellMonth, isRunningCohortCell } from './cohort-running.js';
import { formatMonth, formatPercent } from './format.js';
import { SEQUENTIAL } from './palette.js';
import { textOn } from './readable-text.js';
import { runningCaption } from './running-month.js';

/** What one heatmap draws: the cohort, the age and the one retention measure it colours by. */
export const cohortColumns = (value) => ['cohort_month', 'segment', 'months_since', value];

/** The table view's note on a cell of the running month (chartCard `notes`), on its value. */
export const cohortNotes = (value, running) => ({
  [value]: (r) => (isRunningCohortCell(r, running) ? 'to date' : undefined),
});

/**
 * @param {{value: 'logo_retention'|'revenue_retention', width: number, label: string,
 *   running?: {month: Date, asOf: string}}} options
 *   running: the month still running at as_of (running-month.js): the cells whose calendar month
 *   (cohort month + months since) it is, the last of each cohort, get a dashed outline, their tip says
 *   "to date", and a caption says so.
 */
export function cohortHeatmap(rows, { value, width, label, running }) {
  const cohorts = [...new Set(rows.map((r) => +r.cohort_month))].sort((a, b) => a - b);
  const ages = Math.max(1, ...rows.map((r) => r.months_since + 1));
  const cell = (width - 80) / ages;
  const max = Math.max(1, ...rows.map((r) => r[value] ?? 0));
  // The cells' own colour scale, so each number's text colour is chosen against the fill it sits on.
  const colour = Plot.scale({ color: { scheme: SEQUENTIAL, domain: [0, max] } });
  // A running cell with no value (suppressed) draws no value, so nothing is said of it.
  const toDate = rows.filter((r) => r[value] != null && isRunningCohortCell(r, running));
  const isToDate = new Set(toDate);
  const outline = { x: 'months_since', y: 'cohort_month', fill: 'none', inset: 1.5 };
  return Plot.plot({
    caption:
      toDate.length > 0
        ? runningCaption(running, 'its cells, the last of each cohort, have a dashed outline')
        : undefined,
    width,
    height: 60 + cohorts.length * Math.max(12, Math.min(22, cell)),
    marginLeft: 70,
    marginTop: 30,
    padding: 0.05,
    x: {
      type: 'band',
      axis: 'top',
      label: 'Months since cohort month',
      tickFormat: (d) => (d % 3 === 0 ? d : ''),
    },
    y: { type: 'band', domain: cohorts.map((t) => new Date(t)), tickFormat: formatMonth, label: null },
    color: {
      scheme: SEQUENTIAL,
      domain: [0, max],
      legend: true,
      label,
      tickFormat: (v) => formatPercent(v, 0),
    },
    marks: [
      // Cells suppressed for config min_group_size (no value): shaded, so they read as hidden, not missing.
      Plot.cell(
        rows.filter((r) => r.suppressed != null),
        {
          x: 'months_since',
          y: 'cohort_month',
          fill: 'currentColor',
          fillOpacity: 0.12,
          title: (r) => `suppressed (${r.suppressed})`,
        },
      ),
      Plot.cell(rows, {
        x: 'months_since',
        y: 'cohort_month',
        fill: value,
        // The cell's calendar month, "to date" while it runs: the age alone does not say which month it is.
        channels: {
          month: {
            label: 'Month',
            value: (r) => `${formatMonth(cohortCellMonth(r))}${isToDate.has(r) ? ' · to date' : ''}`,
          },
        },
        tip: { format: { y: formatMonth, fill: (v) => formatPercent(v), month: true } },
      }),
      cell >= 30
        ? Plot.text(rows, {
            x: 'months_since',
            y: 'cohort_month',
            text: (r) => (r[value] == null ? '' : Math.round(r[value] * 100)),
            // Cells are opaque and coloured the same in the light and dark schemes: only the fill counts.
            fill: (r) => textOn(colour.apply(r[value] ?? 0)),
            fontSize: 9,
          })
        : null,
      // The running month's cells: a black dashed outline over a white one reads on every colour of the
      // scale, light or dark, and needs no colour to be told apart.
      ...(toDate.length > 0
        ? [
            Plot.cell(toDate, { ...outline, stroke: 'white', strokeWidth: 3, ariaHidden: 'true' }),
            Plot.cell(toDate, {
              ...outline,
              stroke: 'black',
              strokeWidth: 1.5,
              strokeDasharray: '3,2',
              ariaLabel: (r) =>
                `cohort ${formatMonth(r.cohort_month)}, ${formatMonth(cohortCellMonth(r))} to date`,
              ariaDescription: `cells of ${formatMonth(running.month)}, to date (as of ${running.asOf})`,
            }),
          ]
        : []),
    ],
  });
}
