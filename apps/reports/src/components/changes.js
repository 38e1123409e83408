// Rows of the Changes page, from data/changes.json (scripts/lib/changes.js): display text only, the
// values themselves come from the engine's comparison of two published runs.
import { accountCell } from './accounts.js';
import { el } from './dom.js';

/** A value as the page shows it: numbers to 12 significant digits, a whole row as its JSON. */
export function showValue(value) {
  if (value == null) return '∅';
  if (typeof value === 'number') return String(Number(value.toPrecision(12)));
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The grain beside the month: the segment, then any other key (channel, months_since …). */
export function segmentLabel(value) {
  const others = Object.entries(value.other_keys ?? {}).map(([key, v]) => `${key}=${v}`);
  return [value.segment ?? '', ...others].filter(Boolean).join(' ') || '—';
}

export const VALUE_COLUMNS = ['mart', 'month', 'segment', 'column', 'old', 'new'];

export function valueRows(changes) {
  return (changes.values ?? []).map((value) => {
    // A value of a cell smaller than config min_group_size (scripts/lib/small-groups.js) is not shown.
    const hidden = value.suppressed == null ? null : `suppressed (${value.suppressed})`;
    return {
      mart: value.mart,
      month: value.month,
      segment: segmentLabel(value),
      column: value.column ?? `(row ${value.change})`,
      old: hidden ?? showValue(value.old),
      new: hidden ?? showValue(value.new),
    };
  });
}

export const ACCOUNT_COLUMNS = ['account_id', 'months_changed', 'first_month', 'last_month', 'changes'];

export function accountRows(changes) {
  return (changes.accounts ?? []).map((account) => ({
    account_id: account.account_id,
    months_changed: account.months.length,
    first_month: account.months[0]?.month ?? null,
    last_month: account.months.at(-1)?.month ?? null,
    changes: account.months.map((m) => `${m.month}: ${showValue(m.old)} → ${showValue(m.new)}`).join('; '),
  }));
}

export const FILE_COLUMNS = ['change', 'path', 'source', 'feeds_account_history'];

/** A plain table whose account ids link to their pages, for the accounts with one (`pages`, accounts.js `pageIds`). */
export function accountTable(rows, pages) {
  const header = el(
    'tr',
    {},
    ACCOUNT_COLUMNS.map((c) => el('th', {}, c)),
  );
  const body = rows.map((row) =>
    el(
      'tr',
      { 'data-account': row.account_id },
      ACCOUNT_COLUMNS.map((c) =>
        el('td', {}, c === 'account_id' ? accountCell(row.account_id, pages) : row[c]),
      ),
    ),
  );
  // Scrolls sideways inside its card on a narrow screen instead of widening the page.
  return el(
    'div',
    { style: 'overflow-x: auto;' },
    el('table', { class: 'pulse-changes-accounts' }, el('thead', {}, header), el('tbody', {}, body)),
  );
}
