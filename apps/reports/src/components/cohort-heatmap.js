// Retention by cohort month (rows) × months since the cohort's first month (columns).
import * as Plot from '@observablehq/plot';
import { formatMonth, formatPercent } from './format.js';
import { SEQUENTIAL } from './palette.js';
import { textOn } from './readable-text.js';

/** What one heatmap draws: the cohort, the age and the one retention measure it colours by. */
export const cohortColumns = (value) => ['cohort_month', 'segment', 'months_since', value];

/** @param {{value: 'logo_retention'|'revenue_retention', width: number, label: string}} options */
export function cohortHeatmap(rows, { value, width, label }) {
  const cohorts = [...new Set(rows.map((r) => +r.cohort_month))].sort((a, b) => a - b);
  const ages = Math.max(1, ...rows.map((r) => r.months_since + 1));
  const cell = (width - 80) / ages;
  const max = Math.max(1, ...rows.map((r) => r[value] ?? 0));
  // The cells' own colour scale, so each number's text colour is chosen against the fill it sits on.
  const colour = Plot.scale({ color: { scheme: SEQUENTIAL, domain: [0, max] } });
  return Plot.plot({
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
        tip: { format: { y: formatMonth, fill: (v) => formatPercent(v) } },
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
    ],
  });
}
