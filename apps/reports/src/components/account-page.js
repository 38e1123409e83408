// The parts of an account page (src/accounts/[account].md): its summary and the tables of its tickets,
// survey responses and renewals. Every value is a mart's, shown as it is; data-value keeps it exact.

import { csvLink } from './csv.js';
import { el } from './dom.js';
import { formatMoney, formatMonth, formatNumber } from './format.js';
import { sortableTable } from './keyboard-sort.js';

const BAND_LABELS = { healthy: 'Healthy', at_risk: 'At risk', critical: 'Critical' };

/** Why the account has a page, in words (the account_pages flags). */
export function pageReasons(account, topN, currency) {
  const reasons = [];
  if (account.is_top_mrr) reasons.push(`among the ${topN ?? 'top'} accounts by MRR (#${account.mrr_rank})`);
  if (account.is_at_risk) reasons.push(`${BAND_LABELS[account.band] ?? account.band} health`);
  if (account.is_recent_churn) {
    const lost =
      account.churned_mrr == null
        ? ''
        : `, losing ${formatMoney(account.churned_mrr, currency, { compact: false })} of MRR`;
    reasons.push(`churned in ${formatMonth(new Date(account.churned_month))}${lost}`);
  }
  return reasons;
}

function fact(field, label, value, shown) {
  return el(
    'div',
    { class: 'card pulse-kpi', 'data-field': field },
    el('h2', {}, label),
    el('span', { class: 'big', 'data-value': value == null ? '' : String(value) }, shown),
  );
}

/** The account's figures of the as-of month. */
export function accountSummary(account, { currency, month }) {
  const money = (v) => formatMoney(v, currency, { compact: false });
  return el(
    'div',
    { class: 'grid grid-cols-4' },
    fact('mrr', `MRR, ${month}`, account.mrr, money(account.mrr)),
    fact(
      'mrr_rank',
      'Rank by MRR',
      account.mrr_rank,
      account.mrr_rank == null ? '—' : `#${account.mrr_rank}`,
    ),
    fact(
      'score',
      'Health score',
      account.score,
      account.score == null ? '—' : formatNumber(account.score, 1),
    ),
    fact('band', 'Health band', account.band, BAND_LABELS[account.band] ?? '—'),
  );
}

const isoTime = (v) =>
  v == null
    ? '—'
    : String(v)
        .replace('T', ' ')
        .replace(/:\d\dZ$/, ' UTC');
const hours = (v) => (v == null ? '—' : `${formatNumber(v, 1)} h`);

/** A card with a sortable table and the CSV of its rows, or a line saying there is nothing. */
export function tableCard({ id, title, subtitle, rows, columns, header, format, empty, sort, reverse }) {
  return el(
    'div',
    { class: 'card', 'data-card': id },
    el('h2', {}, title),
    subtitle && el('h3', {}, subtitle),
    rows.length === 0
      ? el('p', { class: 'pulse-empty' }, empty)
      : sortableTable(rows, {
          columns,
          header,
          format,
          rows: 12,
          select: false,
          layout: 'auto',
          sort,
          reverse,
        }),
    rows.length === 0
      ? null
      : el('div', { class: 'pulse-chart-actions' }, csvLink(rows, columns, `${id}.csv`)),
  );
}

export function ticketsCard(tickets) {
  return tableCard({
    id: 'account-tickets',
    title: 'Support tickets',
    subtitle:
      'Every ticket the account opened, newest first: hours to the first reply and to resolution (open tickets have none yet).',
    rows: tickets,
    columns: [
      'ticket_id',
      'created_at',
      'priority',
      'channel',
      'first_response_hours',
      'resolution_hours',
      'is_open',
    ],
    header: {
      ticket_id: 'Ticket',
      created_at: 'Opened',
      priority: 'Priority',
      channel: 'Channel',
      first_response_hours: 'First reply',
      resolution_hours: 'Resolution',
      is_open: 'Status',
    },
    format: {
      created_at: isoTime,
      first_response_hours: hours,
      resolution_hours: hours,
      is_open: (open) => (open ? 'open' : 'resolved'),
    },
    sort: 'created_at',
    reverse: true,
    empty: 'No support ticket (or no tickets source).',
  });
}

export function responsesCard(responses) {
  return tableCard({
    id: 'account-responses',
    title: 'Survey responses',
    subtitle: 'NPS (0–10) and CSAT (1–5) answers with their comments, newest first.',
    rows: responses,
    columns: ['responded_at', 'survey', 'score', 'category', 'comment', 'user_id'],
    header: {
      responded_at: 'Answered',
      survey: 'Survey',
      score: 'Score',
      category: 'Category',
      comment: 'Comment',
      user_id: 'User',
    },
    format: { responded_at: isoTime, survey: (s) => s.toUpperCase(), comment: (c) => c ?? '' },
    sort: 'responded_at',
    reverse: true,
    empty: 'No survey response (or no survey_responses source).',
  });
}

/**
 * The account's renewal dates: those up to as_of with their outcome (the `renewals` mart), then those due
 * in the 90 days after it (`renewals_upcoming`, status `upcoming`) with the ARR at stake and the health
 * band of the as-of month. Past renewals have neither.
 */
export function renewalRows(renewals, upcoming = []) {
  return [
    ...renewals.map((r) => ({
      renewal_date: r.renewal_date,
      subscription_id: r.subscription_id,
      status: r.status,
      arr_at_stake: null,
      health_band: null,
    })),
    ...upcoming.map((r) => ({
      renewal_date: r.renewal_date,
      subscription_id: r.subscription_id,
      status: 'upcoming',
      arr_at_stake: r.arr_at_stake,
      health_band: r.health_band,
    })),
  ];
}

export function renewalsCard(renewals, upcoming, { currency }) {
  return tableCard({
    id: 'account-renewals',
    title: 'Renewals',
    subtitle:
      'Renewal dates of the account’s quarterly and annual contracts, newest first: those up to as_of and whether each renewed, and those due in the 90 days after it (upcoming) with the ARR at stake and the account’s health band today.',
    rows: renewalRows(renewals, upcoming),
    columns: ['renewal_date', 'subscription_id', 'status', 'arr_at_stake', 'health_band'],
    header: {
      renewal_date: 'Renewal date',
      subscription_id: 'Subscription',
      status: 'Status',
      arr_at_stake: 'ARR at stake',
      health_band: 'Health band',
    },
    format: {
      arr_at_stake: (v) => (v == null ? '—' : formatMoney(v, currency, { compact: false })),
      health_band: (b) => (b == null ? '—' : (BAND_LABELS[b] ?? b)),
    },
    sort: 'renewal_date',
    reverse: true,
    empty: 'No quarterly or annual contract has reached a renewal date or falls due in the next 90 days.',
  });
}

export function movementsCard(mrr, { currency }) {
  const money = (v) => formatMoney(v, currency, { compact: false });
  const moves = mrr.filter((r) => r.movement !== 'none');
  return tableCard({
    id: 'account-movements',
    title: 'MRR movements',
    subtitle: 'The months in which the account’s MRR changed, newest first.',
    rows: moves,
    columns: ['month', 'movement', 'prev_mrr', 'mrr', 'mrr_change'],
    header: {
      month: 'Month',
      movement: 'Movement',
      prev_mrr: 'MRR before',
      mrr: 'MRR after',
      mrr_change: 'Change',
    },
    format: { month: formatMonth, prev_mrr: money, mrr: money, mrr_change: money },
    sort: 'month',
    reverse: true,
    empty: 'The account’s MRR never changed.',
  });
}
