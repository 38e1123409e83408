// The overview's KPIs: which mart column each card shows. Values are read, never derived; only the
// change vs the previous month is a subtraction of two mart values, for display.
import { formatMonth } from './format.js';

export const KPIS = [
  { id: 'mrr', label: 'MRR', table: 'mrr', key: 'mrr', kind: 'money', better: 'up' },
  { id: 'arr', label: 'ARR', table: 'mrr', key: 'arr', kind: 'money', better: 'up' },
  // flow: the KPI counts what happened in its month (movements, churned accounts, responses, signups), so a
  // month still running at as_of is not judged against a whole one (changeIsJudged). The others are
  // snapshots, taken at as_of in a running month: comparable with the month before.
  {
    id: 'net_new_mrr',
    label: 'Net new MRR',
    table: 'mrr',
    key: 'net_new_mrr',
    kind: 'money',
    better: 'up',
    flow: true,
  },
  { id: 'nrr_12m', label: 'NRR, 12 months', table: 'mrr', key: 'nrr_12m', kind: 'percent', better: 'up' },
  { id: 'grr_12m', label: 'GRR, 12 months', table: 'mrr', key: 'grr_12m', kind: 'percent', better: 'up' },
  {
    id: 'logo_churn_rate',
    label: 'Logo churn',
    table: 'mrr',
    key: 'logo_churn_rate',
    kind: 'percent',
    better: 'down',
    flow: true,
    benchmark: { value: 0.05, label: 'dashed line: the common 5% monthly benchmark' },
  },
  {
    id: 'quick_ratio',
    label: 'Quick ratio',
    table: 'mrr',
    key: 'quick_ratio',
    kind: 'ratio',
    better: 'up',
    flow: true,
  },
  { id: 'nps', label: 'NPS', table: 'nps', key: 'nps', kind: 'score', better: 'up', flow: true },
  { id: 'csat', label: 'CSAT', table: 'csat', key: 'csat', kind: 'score', better: 'up', flow: true },
  {
    id: 'median_ttv_days',
    label: 'Median time to value',
    table: 'ttv',
    key: 'median_ttv_days',
    x: 'signup_month',
    kind: 'days',
    better: 'down',
    flow: true,
    caption: 'for accounts that signed up that month',
  },
];

const xOf = (kpi) => kpi.x ?? 'month';

/** The mart behind each table name of the overview: a KPI's target metric is `<mart>.<key>`. */
const TABLE_MARTS = { mrr: 'mrr_monthly', nps: 'nps_monthly', csat: 'csat_monthly', ttv: 'ttv_cohorts' };

/** `<mart>.<column>`, as config targets name it. */
export const kpiMetric = (kpi) => `${TABLE_MARTS[kpi.table]}.${kpi.key}`;

/** The card's points: the KPI by month over the selected range, for the selected segment. */
export function kpiSeries(kpi, tables, { segment, range }) {
  const x = xOf(kpi);
  return (tables[kpi.table] ?? [])
    .filter((r) => r.segment === segment && (!range || (+r[x] >= +range.from && +r[x] <= +range.to)))
    .map((r) => ({ x: r[x], y: r[kpi.key], ...(r.suppressed != null ? { suppressed: r.suppressed } : {}) }));
}

/** The card's data: the range's points, and the month before the last one (even outside the range). */
export function kpiPoints(kpi, tables, filters) {
  const series = kpiSeries(kpi, tables, filters);
  const current = series.at(-1) ?? null;
  const x = xOf(kpi);
  const all = (tables[kpi.table] ?? []).filter((r) => r.segment === filters.segment);
  const i = current ? all.findIndex((r) => +r[x] === +current.x) : -1;
  const previous = i > 0 ? { x: all[i - 1][x], y: all[i - 1][kpi.key] } : null;
  return { series, current, previous };
}

/**
 * One row per month with every KPI: the sparklines' data, for the table view and CSV. A month with a mart
 * cell suppressed for config min_group_size says which in `suppressed` (e.g. "nps_monthly < 5 responses").
 */
export function kpiTable(tables, { segment, range }) {
  const byMonth = new Map();
  const hidden = new Map();
  for (const kpi of KPIS) {
    for (const p of kpiSeries(kpi, tables, { segment, range })) {
      if (!byMonth.has(+p.x)) byMonth.set(+p.x, { month: p.x, segment });
      byMonth.get(+p.x)[kpi.id] = p.y;
      if (p.suppressed != null) {
        if (!hidden.has(+p.x)) hidden.set(+p.x, new Set());
        hidden.get(+p.x).add(`${TABLE_MARTS[kpi.table]} ${p.suppressed}`);
      }
    }
  }
  return [...byMonth.keys()]
    .sort((a, b) => a - b)
    .map((k) => ({
      ...Object.fromEntries(KPIS.map((kpi) => [kpi.id, null])),
      ...byMonth.get(k),
      ...(hidden.has(k) ? { suppressed: [...hidden.get(k)].join('; ') } : {}),
    }));
}

/** The columns of kpiTable's rows: month, segment, every KPI, and `suppressed` when a row has it. */
export const kpiTableColumns = (rows) => [
  'month',
  'segment',
  ...KPIS.map((k) => k.id),
  ...(rows.some((r) => r.suppressed != null) ? ['suppressed'] : []),
];

/** Whether `month` (a Date, its first day) is still running at as_of (a 'YYYY-MM-DD' before its last day). */
export function monthIsRunning(month, asOf) {
  if (!month || !asOf || asOf.slice(0, 7) !== month.toISOString().slice(0, 7)) return false;
  const lastDay = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 0))
    .toISOString()
    .slice(0, 10);
  return asOf < lastDay;
}

/** 'Jun 2025', or 'Jun 2025 · to date' when that month is still running at as_of. */
export function monthCaption(month, asOf) {
  if (!month) return 'no data in the selected range';
  return monthIsRunning(month, asOf) ? `${formatMonth(month)} · to date` : formatMonth(month);
}

/**
 * Whether the card says its change vs the month before is better or worse. Not for a flow KPI in a month
 * still running at as_of: half a month's net new MRR or churn set against a whole month's read as worse
 * (or churn as better) every month until its last day.
 */
export function changeIsJudged(kpi, month, asOf) {
  return !(kpi.flow && monthIsRunning(month, asOf));
}
