// MRR movements (stacked bars, net new MRR line) under the MRR line, and the waterfall of one month.
import * as Plot from '@observablehq/plot';
import { el } from './dom.js';
import { formatMoney, formatMonth } from './format.js';
import { lineChart } from './line-chart.js';
import { MOVEMENT_COLORS, OKABE_ITO } from './palette.js';
import { stackedBars } from './stacked-bars.js';

export const MOVEMENTS = [
  { key: 'new_mrr', label: 'New', color: MOVEMENT_COLORS.new },
  { key: 'expansion_mrr', label: 'Expansion', color: MOVEMENT_COLORS.expansion },
  { key: 'reactivation_mrr', label: 'Reactivation', color: MOVEMENT_COLORS.reactivation },
  { key: 'contraction_mrr', label: 'Contraction', color: MOVEMENT_COLORS.contraction },
  { key: 'churned_mrr', label: 'Churn', color: MOVEMENT_COLORS.churn },
];

export const MOVEMENT_COLUMNS = ['month', 'segment', 'mrr', ...MOVEMENTS.map((m) => m.key), 'net_new_mrr'];

export function mrrMovementsChart(rows, { width, currency, running }) {
  const money = (v) => formatMoney(v, currency);
  return el(
    'div',
    {},
    lineChart(rows, {
      series: [{ key: 'mrr', label: 'MRR', color: OKABE_ITO.blue }],
      width,
      running,
      // The bars' caption below says it for both charts.
      captioned: false,
      height: 150,
      yLabel: 'MRR',
      // Drawn above the movement bars: each month's point over its bar.
      monthSpans: true,
      tickFormat: money,
      format: money,
    }),
    stackedBars(rows, {
      series: MOVEMENTS,
      line: { key: 'net_new_mrr', label: 'Net new MRR', color: OKABE_ITO.purple },
      width,
      running,
      yLabel: 'MRR movement',
      tickFormat: money,
      format: money,
    }),
  );
}

/** The month's bridge from start MRR to MRR: positions are running totals of the mart's own amounts. */
export function waterfallSteps(row) {
  // A month suppressed for config min_group_size (scripts/lib/small-groups.js) bridges nothing: every
  // step keeps its name and the flag, no amount (a missing movement would otherwise read as 0).
  const hidden =
    row.suppressed == null ? null : { amount: null, from: null, to: null, suppressed: row.suppressed };
  const steps = [];
  let level = row.start_mrr;
  steps.push({ step: 'Start MRR', amount: row.start_mrr, from: 0, to: row.start_mrr, kind: 'total' });
  for (const m of [MOVEMENTS[0], MOVEMENTS[2], MOVEMENTS[1], MOVEMENTS[3], MOVEMENTS[4]]) {
    const amount = row[m.key] ?? 0;
    steps.push({ step: m.label, amount, from: level, to: level + amount, kind: m.label });
    level += amount;
  }
  steps.push({ step: 'MRR', amount: row.mrr, from: 0, to: row.mrr, kind: 'total' });
  return steps.map((s) => ({ month: row.month, segment: row.segment, ...s, ...hidden }));
}

/** Movements are small next to MRR, so the y axis zooms on the range they span (totals are cut). */
function zoomedDomain(steps) {
  const levels = steps.filter((s) => s.kind !== 'total').flatMap((s) => [s.from, s.to]);
  const lo = Math.min(...levels);
  const hi = Math.max(...levels);
  const pad = Math.max((hi - lo) * 0.25, Math.abs(hi) * 0.01, 1);
  return [Math.max(0, lo - pad), hi + pad];
}

/**
 * With `onSelect`, a click on a movement's bar calls it with the step (`{ step, kind, … }`): the MRR page
 * filters its list of movers with it. Each bar carries its step name (`data-step`) for tests and styling.
 */
export function waterfallChart(steps, { width, currency, onSelect }) {
  const money = (v) => formatMoney(v, currency);
  const colors = { total: OKABE_ITO.grey, ...Object.fromEntries(MOVEMENTS.map((m) => [m.label, m.color])) };
  const domain = zoomedDomain(steps);
  const chart = Plot.plot({
    width,
    height: 280,
    marginLeft: 56,
    // Narrow screens rotate the step names, which then need room below the axis.
    marginBottom: width < 480 ? 64 : 30,
    x: { domain: steps.map((s) => s.step), label: null, tickRotate: width < 480 ? -35 : 0 },
    y: {
      grid: true,
      domain,
      tickFormat: money,
      label: `MRR, ${formatMonth(steps[0]?.month)}${domain[0] > 0 ? ' (axis starts above zero)' : ''}`,
    },
    color: { domain: Object.keys(colors), range: Object.values(colors) },
    marks: [
      Plot.barY(steps, {
        x: 'step',
        y1: (s) => Math.max(s.from, domain[0]),
        y2: 'to',
        fill: 'kind',
        clip: true,
        channels: { from: 'from', amount: 'amount' },
        tip: { format: { fill: false, y1: false, y2: false, from: money, amount: money } },
      }),
      Plot.text(steps, {
        x: 'step',
        y: (s) => Math.max(s.from, s.to),
        text: (s) => money(s.amount),
        dy: -6,
        fontSize: width < 480 ? 8 : 10,
        clip: true,
      }),
    ],
  });
  // Plot draws the bar mark's rects in one group labelled "bar", one per step in the order of `steps`
  // (every step has its values).
  const bars = [...chart.querySelectorAll('g[aria-label="bar"] rect')];
  bars.forEach((bar, i) => {
    if (!steps[i]) return;
    bar.setAttribute('data-step', steps[i].step);
    if (!onSelect || steps[i].kind === 'total') return;
    bar.style.cursor = 'pointer';
    // Reachable with Tab and chosen with Enter or Space, as a click chooses it: the movers list was a
    // mouse's only.
    bar.setAttribute('tabindex', '0');
    bar.setAttribute('role', 'button');
    bar.setAttribute('aria-label', `Show the accounts behind ${steps[i].step}`);
    bar.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter' && event.key !== ' ') return;
      event.preventDefault();
      onSelect(steps[i]);
    });
  });
  // The click is taken on the whole chart and matched to the bar's column: the tip Plot draws over the
  // bar under the pointer would otherwise receive it.
  if (onSelect) {
    chart.addEventListener('click', (event) => {
      const i = bars.findIndex((bar) => {
        const box = bar.getBoundingClientRect();
        return event.clientX >= box.left && event.clientX <= box.right;
      });
      if (steps[i] && steps[i].kind !== 'total') onSelect(steps[i]);
    });
  }
  return chart;
}
