// The glossary: one section per mart (one row per column) and the raw sources, filtered by a
// search string. All text comes from target/manifest.json, i.e. the models' own zod descriptions.
import { el } from './dom.js';

/**
 * Lower case, with spaces, underscores and hyphens read alike: a search for a card's title ("Logo churn",
 * "ARR at stake") finds its column (`logo_churn_rate`, `arr_at_stake`), which it did not.
 */
export const searchForm = (text) =>
  String(text ?? '')
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');

/** Whether any of the texts holds the query (in searchForm). */
export const matches = (q, ...texts) => texts.some((t) => searchForm(t).includes(searchForm(q)));

function columnTable(columns) {
  const head = el('tr', {}, el('th', {}, 'Column'), el('th', {}, 'Type'), el('th', {}, 'Meaning'));
  const rows = columns.map((c) =>
    el(
      'tr',
      {},
      el('td', {}, el('code', {}, c.name)),
      el('td', {}, c.type ?? ''),
      el('td', {}, c.description),
    ),
  );
  return el(
    'div',
    { class: 'pulse-scroll' },
    el('table', { class: 'pulse-table' }, el('thead', {}, head), el('tbody', {}, rows)),
  );
}

function modelSection(m, q) {
  const columns = m.columns.filter((c) => !q || matches(q, m.name, c.name, c.description));
  if (columns.length === 0 && !(q && matches(q, m.description))) return null;
  return el(
    'section',
    { 'data-model': m.name },
    el('h2', { id: m.name }, m.name),
    m.description && el('p', {}, m.description),
    m.key?.length > 0 && el('p', { class: 'muted small' }, `One row per ${m.key.join(' × ')}.`),
    columnTable(columns),
  );
}

function sourcesSection(sources, q) {
  const shown = sources.filter((s) => !q || matches(q, s.name, s.description));
  if (shown.length === 0) return null;
  const item = (s) =>
    el('li', {}, el('code', {}, s.name), s.required ? ' (required): ' : ' (optional): ', s.description);
  return el(
    'section',
    { 'data-model': 'sources' },
    el('h2', { id: 'sources' }, 'Raw sources'),
    el('ul', {}, shown.map(item)),
  );
}

/** @param {{models: object[], sources: object[]}} definitions data/glossary.json (scripts/lib/site-data.js) */
export function glossary({ models, sources }, query = '') {
  if (models.length === 0) {
    return el(
      'p',
      { class: 'pulse-empty' },
      'No target/manifest.json was found: run pulse build to generate definitions.',
    );
  }
  const q = query.trim().toLowerCase();
  const sections = [...models.map((m) => modelSection(m, q)), sourcesSection(sources, q)].filter(Boolean);
  const none = el('p', { class: 'pulse-empty' }, `Nothing matches “${query}”.`);
  return el('div', {}, sections.length > 0 ? sections : none);
}
