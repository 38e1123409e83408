// Health: accounts per band by month (counts exported by the copy step), and the at-risk table.

import { accountCell } from './accounts.js';
import { formatMoney, formatNumber } from './format.js';
import { sortableTable } from './keyboard-sort.js';
import { BAND_COLORS } from './palette.js';

export const BANDS = [
  { key: 'critical', label: 'Critical (< 50)', color: BAND_COLORS.critical },
  { key: 'at_risk', label: 'At risk (50–75)', color: BAND_COLORS.at_risk },
  { key: 'healthy', label: 'Healthy (≥ 75)', color: BAND_COLORS.healthy },
];

/** Long (month, segment, band, accounts) → one row per month with a column per band. */
export function bandRows(counts) {
  const byMonth = new Map();
  for (const r of counts) {
    if (!byMonth.has(+r.month)) {
      byMonth.set(+r.month, { month: r.month, segment: r.segment, critical: 0, at_risk: 0, healthy: 0 });
    }
    byMonth.get(+r.month)[r.band] = r.accounts;
  }
  return [...byMonth.keys()].sort((a, b) => a - b).map((k) => byMonth.get(k));
}

export const AT_RISK_COLUMNS = [
  'account_id',
  'segment',
  'band',
  'score',
  'engagement_score',
  'usage_trend_score',
  'sentiment_score',
  'support_score',
  'financial_score',
  'mrr',
];

/**
 * Sortable table of the accounts not in the healthy band, lowest score first; ids link to account pages,
 * with the account's name beside them (`names`: health_scores carries none; every at-risk or critical
 * account qualifies for a page, so the published pages name most of them).
 */
export function atRiskTable(rows, { currency, pages = new Set(), names = new Map() }) {
  const score = (v) => (v == null ? '—' : formatNumber(v, 1));
  const table = sortableTable(rows, {
    columns: AT_RISK_COLUMNS,
    header: {
      account_id: 'Account',
      score: 'Score',
      engagement_score: 'Engagement',
      usage_trend_score: 'Usage trend',
      sentiment_score: 'Sentiment',
      support_score: 'Support',
      financial_score: 'Financial',
      mrr: 'MRR',
    },
    format: {
      account_id: (id) => accountCell(id, pages, names.get(id)),
      score,
      engagement_score: score,
      usage_trend_score: score,
      sentiment_score: score,
      support_score: score,
      financial_score: score,
      mrr: (v) => formatMoney(v, currency, { compact: false }),
    },
    sort: 'score',
    reverse: false,
    rows: 20,
    select: false,
    layout: 'auto',
  });
  // Inputs.table formats no empty value (a component without data): style.css draws its "—", as the
  // caption promises, where the cell was left blank.
  table.classList.add('pulse-dash-empty');
  return table;
}
