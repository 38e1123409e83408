// A chart in a card: title, the chart (redrawn on resize), a lazily built table view and a CSV
// download of exactly the rows the chart was given. Charts themselves are pure (rows, width) → SVG.
import { resize } from 'observablehq:stdlib';
import { csvLink } from './csv.js';
import { pick } from './data.js';
import { el } from './dom.js';
import { tableView } from './table-view.js';

/** Plot's SVGs carry no accessible name by default: name them after the card. */
function labelled(node, title) {
  const svgs = node instanceof SVGElement ? [node] : [...node.querySelectorAll('svg')];
  for (const svg of svgs) {
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

/**
 * @param {{id: string, title: string, subtitle?: string, rows: object[], columns: string[],
 *   chart: (width: number) => Element, empty?: string, pages?: Set<string>}} spec
 *   `pages`: ids of the accounts with a page, to link an `account_id` column of the table view.
 */
export function chartCard({ id, title, subtitle, rows: drawn, columns, chart, empty, pages }) {
  // The table and the CSV hold exactly the drawn columns, whatever else the rows carry.
  const rows = pick(drawn, columns);
  const figure = el('figure', { class: 'pulse-figure', 'data-chart': id });
  const card = el(
    'div',
    { class: 'card', 'data-card': id },
    el('h2', {}, title),
    subtitle && el('h3', {}, subtitle),
  );
  card.append(figure);
  if (!hasValues(rows, columns)) {
    figure.setAttribute('data-empty', 'true');
    figure.append(el('p', { class: 'pulse-empty' }, empty ?? 'No data for this selection.'));
    return card;
  }
  figure.append(resize((width) => labelled(chart(width), title)));
  const details = el('details', {}, el('summary', {}, `Table view (${rows.length} rows)`));
  details.addEventListener('toggle', () => {
    if (details.open && details.childElementCount === 1) details.append(tableView(rows, columns, { pages }));
  });
  card.append(el('div', { class: 'pulse-chart-actions' }, csvLink(rows, columns, `${id}.csv`), details));
  return card;
}
