// A chart in a card: title, the chart (redrawn on resize), a lazily built table view and a CSV
// download of exactly the rows the chart was given. Charts themselves are pure (rows, width) → SVG.
import { resize } from 'observablehq:stdlib';
import { csvLink } from './csv.js';
import { pick, suppressedRows } from './data.js';
import { el } from './dom.js';
import { closeTipsOnEscape } from './escape-tips.js';
import { tableView } from './table-view.js';
import { kindOfColumn, targetBadge } from './targets.js';

/** Plot's SVGs carry no accessible name by default: name them after the card. */
function labelled(node, title) {
  const svgs = node instanceof SVGElement ? [node] : [...node.querySelectorAll('svg')];
  for (const svg of svgs) {
    // A legend's colour swatch is no image of the chart: its name is the text beside it.
    if (svg.closest('[class*="-swatch"]')) {
      svg.setAttribute('aria-hidden', 'true');
      continue;
    }
    if (!svg.getAttribute('aria-label')) svg.setAttribute('aria-label', title);
    svg.setAttribute('role', 'img');
  }
  return node;
}

const KEYS = new Set([
  'month',
  'segment',
  'cohort_month',
  'signup_month',
  'channel',
  'months_since',
  'account_id',
]);

/** Rows whose measures are all NULL (e.g. 12-month rates in a range's first year) draw nothing. */
const hasValues = (rows, columns) =>
  rows.some((r) => columns.some((c) => !KEYS.has(c) && typeof r[c] === 'number'));

/** The card's note on the rows suppressed for config min_group_size (their `suppressed`, e.g. "< 5 accounts"). */
function suppressedNote(suppressed, total) {
  const reasons = [...new Set(suppressed.map((r) => r.suppressed))];
  return el(
    'p',
    { class: 'pulse-suppressed muted small', 'data-suppressed': String(suppressed.length) },
    `${suppressed.length} of ${total} ${total === 1 ? 'row' : 'rows'} suppressed (${reasons.join(', ')}): ` +
      'computed from a group smaller than min_group_size (pulse.config.json), they show no value here ' +
      'or in the CSV, whose `suppressed` column says why. The marts keep the full values.',
  );
}

/**
 * @param {{id: string, title: string, subtitle?: string, rows: object[], columns: string[],
 *   chart: (width: number) => Element, empty?: string, pages?: Set<string>, targets?: object[],
 *   notes?: Record<string, (row: object) => string | undefined>}} spec
 *   `pages`: ids of the accounts with a page, to link an `account_id` column of the table view.
 *   `notes`: per column, a note the table view writes after some rows' value (e.g. "to date").
 *   `targets`: the config targets of the card's mart and segment (targets.js `targetsOf`); the card
 *   shows the build's verdict of each one on a column it draws.
 */
export function chartCard({
  id,
  title,
  subtitle,
  rows: drawn,
  columns: drawnColumns,
  chart,
  empty,
  pages,
  targets = [],
  notes,
}) {
  // Every chart with a tooltip is drawn in a card: one Escape handler for the page closes them all.
  closeTipsOnEscape();
  // The table and the CSV hold exactly the drawn columns, whatever else the rows carry; with cells
  // suppressed for config min_group_size, also a `suppressed` column saying why their values are empty.
  const suppressed = suppressedRows(drawn);
  const columns = suppressed.length > 0 ? [...drawnColumns, 'suppressed'] : drawnColumns;
  const rows = pick(drawn, columns);
  const figure = el('figure', { class: 'pulse-figure', 'data-chart': id });
  const card = el(
    'div',
    { class: 'card', 'data-card': id },
    el('h2', {}, title),
    subtitle && el('h3', {}, subtitle),
  );
  const judged = targets.filter((t) => drawnColumns.includes(t.column));
  if (judged.length > 0) {
    card.append(
      el('p', { class: 'pulse-card-targets' }, ...judged.map((t) => targetBadge(t, kindOfColumn(t.column)))),
    );
  }
  card.append(figure);
  if (suppressed.length > 0) card.append(suppressedNote(suppressed, rows.length));
  if (!hasValues(rows, columns)) {
    figure.setAttribute('data-empty', 'true');
    const text =
      suppressed.length === 0
        ? empty
        : suppressed.length === rows.length
          ? 'Every value of this selection is suppressed.'
          : 'No value to show: the rows of this selection that have one are suppressed.';
    figure.append(el('p', { class: 'pulse-empty' }, text ?? 'No data for this selection.'));
    // Suppressed rows still have a table and a CSV: their keys, and why they hold no value.
    if (suppressed.length === 0) return card;
  } else {
    figure.append(resize((width) => labelled(chart(width), title)));
  }
  const details = el('details', {}, el('summary', {}, `Table view (${rows.length} rows)`));
  details.addEventListener('toggle', () => {
    if (details.open && details.childElementCount === 1)
      details.append(tableView(rows, columns, { pages, notes }));
  });
  card.append(el('div', { class: 'pulse-chart-actions' }, csvLink(rows, columns, `${id}.csv`), details));
  return card;
}
