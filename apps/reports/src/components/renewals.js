// Upcoming renewals: the list (a mart, sorted by renewal date) and its totals per health band (row counts
// and sums of the same mart, made by the copy step). An account links to its page when it has one.

import { accountCell } from './accounts.js';
import { el } from './dom.js';
import { formatIsoDate, formatMoney, formatNumber } from './format.js';
import { sortableTable } from './keyboard-sort.js';

/** Band order of the totals: the riskiest first; `none` = not scored in the as-of month. */
export const RENEWAL_BANDS = [
  { key: 'critical', label: 'Critical (< 50)' },
  { key: 'at_risk', label: 'At risk (50–75)' },
  { key: 'healthy', label: 'Healthy (≥ 75)' },
  { key: 'none', label: 'No score this month' },
];

export const UPCOMING_COLUMNS = [
  'renewal_date',
  'account_id',
  'account_name',
  'segment',
  'billing_interval',
  'arr_at_stake',
  'health_band',
  'health_score',
  'days_since_last_activity',
];

/**
 * The list, by renewal date (the mart's order); sortable by any column. `pages`: ids of the accounts with
 * a page (accounts.js `pageIds`), the only ones linked.
 */
export function upcomingTable(rows, { currency, pages }) {
  return sortableTable(rows, {
    columns: UPCOMING_COLUMNS,
    header: {
      renewal_date: 'Renewal date',
      account_id: 'Account',
      account_name: 'Name',
      billing_interval: 'Term',
      arr_at_stake: 'ARR at stake',
      health_band: 'Health band',
      health_score: 'Score',
      days_since_last_activity: 'Days since last activity',
    },
    format: {
      renewal_date: (v) => (typeof v === 'string' ? v : formatIsoDate(v)),
      account_id: (id) => accountCell(id, pages),
      arr_at_stake: (v) => formatMoney(v, currency, { compact: false }),
      health_band: (v) => v ?? '—',
      health_score: (v) => formatNumber(v, 1),
      days_since_last_activity: (v) => formatNumber(v),
    },
    rows: 20,
    select: false,
    layout: 'auto',
  });
}

/**
 * Renewals and ARR at stake per band for one segment (the copy step's rows), every band shown, zeros
 * included; the raw sums sit in data-value so tests can compare them with the mart exactly.
 */
export function bandTotalsTable(totals, { segment, currency }) {
  const of = (band) => totals.find((t) => t.segment === segment && t.band === band);
  const cell = (value, text) => el('td', { 'data-value': String(value) }, text);
  const rows = RENEWAL_BANDS.map(({ key, label }) => {
    const total = of(key);
    const renewals = total?.renewals ?? 0;
    const arr = total?.arr_at_stake ?? 0;
    return el(
      'tr',
      { 'data-band': key },
      el('th', { scope: 'row' }, label),
      cell(renewals, formatNumber(renewals)),
      cell(arr, formatMoney(arr, currency, { compact: false })),
    );
  });
  const sum = (field) => RENEWAL_BANDS.reduce((s, { key }) => s + (of(key)?.[field] ?? 0), 0);
  return el(
    'table',
    { class: 'pulse-band-totals' },
    el(
      'thead',
      {},
      el('tr', {}, el('th', {}, 'Health band'), el('th', {}, 'Renewals'), el('th', {}, 'ARR at stake')),
    ),
    el('tbody', {}, rows),
    el(
      'tfoot',
      {},
      el(
        'tr',
        { 'data-band': 'total' },
        el('th', { scope: 'row' }, 'Total'),
        cell(sum('renewals'), formatNumber(sum('renewals'))),
        cell(sum('arr_at_stake'), formatMoney(sum('arr_at_stake'), currency, { compact: false })),
      ),
    ),
  );
}
