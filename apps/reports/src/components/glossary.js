// The glossary: one section per mart, one row per column, filtered by a search string.
import { el } from './dom.js';

const matches = (q, ...texts) =>
  texts.some((t) =>
    String(t ?? '')
      .toLowerCase()
      .includes(q),
  );

export function glossary(models, query = '') {
  const q = query.trim().toLowerCase();
  if (models.length === 0) {
    return el(
      'p',
      { class: 'pulse-empty' },
      'No target/manifest.json was found: run pulse build to generate definitions.',
    );
  }
  const sections = models
    .map((m) => {
      const columns = m.columns.filter((c) => !q || matches(q, m.name, c.name, c.description));
      if (columns.length === 0 && !(q && matches(q, m.description))) return null;
      return el(
        'section',
        { 'data-model': m.name },
        el('h2', { id: m.name }, m.name),
        m.description && el('p', {}, m.description),
        el(
          'div',
          { class: 'pulse-scroll' },
          el(
            'table',
            { class: 'pulse-table' },
            el(
              'thead',
              {},
              el('tr', {}, el('th', {}, 'Column'), el('th', {}, 'Type'), el('th', {}, 'Meaning')),
            ),
            el(
              'tbody',
              {},
              columns.map((c) =>
                el(
                  'tr',
                  {},
                  el('td', {}, el('code', {}, c.name)),
                  el('td', {}, c.type ?? ''),
                  el('td', {}, c.description),
                ),
              ),
            ),
          ),
        ),
      );
    })
    .filter(Boolean);
  return el(
    'div',
    {},
    sections.length > 0 ? sections : el('p', { class: 'pulse-empty' }, `Nothing matches “${query}”.`),
  );
}
