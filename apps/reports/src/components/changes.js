// Rows of the Changes page, from data/changes.json (scripts/lib/changes.js): display text only, the
// values themselves come from the engine's comparison of two published runs.
import { accountCell } from './accounts.js';
import { el } from './dom.js';
import { kindOfColumn } from './targets.js';

/** A value as the CSV download keeps it: numbers to 12 significant digits, a whole row as its JSON. */
export function exactValue(value) {
  if (value == null) return '∅';
  if (typeof value === 'number') return String(Number(value.toPrecision(12)));
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

const DIGITS = { money: 2, percent: 3, days: 2, hours: 2, score: 2, number: 4 };

/**
 * A number in its column's unit, as every other page reads it: money in the reporting currency with
 * cents and thousands separators, rates as percent. Raw (1849386.02976, 0.0124523790178) it read as no
 * other page does.
 */
function inUnit(value, column, currency) {
  const kind = kindOfColumn(column ?? '');
  const digits = { maximumFractionDigits: DIGITS[kind] ?? 4 };
  if (kind === 'money')
    return new Intl.NumberFormat('en-US', {
      ...(currency ? { style: 'currency', currency } : {}),
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    }).format(value);
  if (kind === 'percent') return `${new Intl.NumberFormat('en-US', digits).format(value * 100)}%`;
  const text = new Intl.NumberFormat('en-US', digits).format(value);
  return kind === 'days' ? `${text} d` : kind === 'hours' ? `${text} h` : text;
}

/**
 * The old and new value as the page shows them: in the column's unit, unless the two would then read
 * the same (a move below a cent or a thousandth of a point), when both keep 12 significant digits.
 */
export function showPair(old, now, column, currency) {
  if (typeof old !== 'number' || typeof now !== 'number') return [exactValue(old), exactValue(now)];
  const shown = [inUnit(old, column, currency), inUnit(now, column, currency)];
  return shown[0] === shown[1] ? [exactValue(old), exactValue(now)] : shown;
}

/** The grain beside the month: the segment, then any other key (channel, months_since …). */
export function segmentLabel(value) {
  const others = Object.entries(value.other_keys ?? {}).map(([key, v]) => `${key}=${v}`);
  return [value.segment ?? '', ...others].filter(Boolean).join(' ') || '—';
}

export const VALUE_COLUMNS = ['mart', 'month', 'segment', 'column', 'old', 'new'];

/**
 * The moved values as the page shows them (`currency` given: in each column's unit) or as the CSV keeps
 * them (no currency: 12 significant digits).
 */
export function valueRows(changes, { currency, exact = false } = {}) {
  return (changes.values ?? []).map((value) => {
    // A value of a cell smaller than config min_group_size (scripts/lib/small-groups.js) is not shown.
    const hidden = value.suppressed == null ? null : `suppressed (${value.suppressed})`;
    const [old, now] = exact
      ? [exactValue(value.old), exactValue(value.new)]
      : showPair(value.old, value.new, value.column, currency);
    return {
      mart: value.mart,
      month: value.month,
      segment: segmentLabel(value),
      column: value.column ?? `(row ${value.change})`,
      old: hidden ?? old,
      new: hidden ?? now,
    };
  });
}

export const ACCOUNT_COLUMNS = ['account_id', 'months_changed', 'first_month', 'last_month', 'changes'];

/** The accounts whose MRR history moved, each month's MRR old → new in the reporting currency. */
export function accountRows(changes, { currency } = {}) {
  return (changes.accounts ?? []).map((account) => ({
    account_id: account.account_id,
    months_changed: account.months.length,
    first_month: account.months[0]?.month ?? null,
    last_month: account.months.at(-1)?.month ?? null,
    changes: account.months
      .map((m) => `${m.month}: ${showPair(m.old, m.new, 'mrr', currency).join(' → ')}`)
      .join('; '),
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
