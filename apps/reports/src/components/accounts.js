// Accounts in tables: a link to the account's page when it has one (the account_pages mart), its id as
// text otherwise; and the list of accounts behind the MRR waterfall's bars (the mrr_movers mart).

import { accountHref } from './account-link.js';
import { csvLink } from './csv.js';
import { el } from './dom.js';
import { formatMoney } from './format.js';
import { sortableTable } from './keyboard-sort.js';

/** The site ships at most this many movers per bar (scripts/lib/site-exports.js, MOVERS_PER_BAR). */
export const MOVERS_PER_BAR = 25;

/** The ids of the accounts that have a page, from data/account_pages.json. */
export const pageIds = (accountPages) => new Set(accountPages.map((p) => p.account_id));

/** Each account with a page, by id, to its name (data/account_pages.json): for marts that carry no name. */
export const pageNames = (accountPages) =>
  new Map(accountPages.map((p) => [p.account_id, p.account_name ?? undefined]));

/** The account's id, linked to its page when it has one; its name beside it when known. */
export function accountCell(accountId, pages, name) {
  const label = name?.trim() ? `${accountId} · ${name}` : accountId;
  if (!pages.has(accountId)) return document.createTextNode(label);
  return el('a', { href: accountHref(accountId), 'data-account': accountId }, label);
}

/** Each waterfall step that is a movement, and the mrr_movers `movement` behind it. */
export const STEP_MOVEMENTS = {
  New: 'new',
  Reactivation: 'reactivation',
  Expansion: 'expansion',
  Contraction: 'contraction',
  Churn: 'churn',
};
const MOVEMENT_LABELS = Object.fromEntries(
  Object.entries(STEP_MOVEMENTS).map(([label, key]) => [key, label]),
);

export const MOVER_COLUMNS = [
  'month',
  'segment',
  'movement',
  'rank',
  'account_id',
  'account_name',
  'mrr_change',
  'prev_mrr',
  'mrr',
];

/**
 * The accounts behind the waterfall's bars for one month and segment, largest first: all movements, or
 * the one chosen with `show(movement)` (a click on its bar). `movers` are that month and segment's rows of
 * mrr_movers, already ranked by the mart; the site ships at most `perBar` of each bar.
 */
export function moversList(movers, { pages, currency, perBar }) {
  const money = (v) => formatMoney(v, currency, { compact: false });
  // Announced when a chosen bar rewrites it (WCAG 4.1.3).
  const heading = el('p', { class: 'pulse-movers-heading', 'aria-live': 'polite' });
  const body = el('div', { class: 'pulse-movers-table' });
  const actions = el('div', { class: 'pulse-chart-actions' });
  const root = el('div', { class: 'pulse-movers', 'data-movers': '' }, heading, body, actions);
  const show = (movement) => {
    const rows = movers
      .filter((r) => movement == null || r.movement === movement)
      .sort((a, b) => Math.abs(b.mrr_change) - Math.abs(a.mrr_change) || a.rank - b.rank);
    root.setAttribute('data-movement', movement ?? 'all');
    const capped = movers.some((r) => r.rank >= perBar && (movement == null || r.movement === movement));
    heading.replaceChildren(
      movement == null ? 'Every movement' : `${MOVEMENT_LABELS[movement]} only`,
      ` · ${rows.length} accounts${capped ? ` (the ${perBar} largest of each bar)` : ''}`,
      movement == null ? '' : ' · ',
      movement == null
        ? ''
        : Object.assign(el('a', { href: '#', 'data-movers-reset': '' }, 'show every movement'), {
            onclick: (event) => {
              event.preventDefault();
              show(null);
            },
          }),
    );
    body.replaceChildren(
      rows.length === 0
        ? el('p', { class: 'pulse-empty' }, 'No account moved MRR this way in this month and segment.')
        : sortableTable(rows, {
            columns: ['movement', 'account_id', 'mrr_change', 'prev_mrr', 'mrr'],
            header: {
              movement: 'Movement',
              account_id: 'Account',
              mrr_change: 'Change',
              prev_mrr: 'MRR before',
              mrr: 'MRR after',
            },
            format: {
              movement: (m) => MOVEMENT_LABELS[m] ?? m,
              account_id: (id, i, data) => accountCell(id, pages, data[i].account_name),
              mrr_change: money,
              prev_mrr: money,
              mrr: money,
            },
            rows: 20,
            select: false,
            layout: 'auto',
          }),
    );
    actions.replaceChildren(csvLink(rows, MOVER_COLUMNS, 'mrr-movers.csv'));
  };
  show(null);
  root.show = show;
  return root;
}
