// CSV (RFC 4180) of exactly the rows a chart draws, at full precision, dates as ISO strings,
// text that a spreadsheet would run as a formula neutralised (csv-safe.js).
import { neutraliseCell } from './csv-safe.js';

function cell(v) {
  if (v == null) return '';
  if (v instanceof Date) {
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  const s = neutraliseCell(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function toCsv(rows, columns) {
  return [columns.map(cell).join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join(
    '\r\n',
  );
}

/** A download link; the file is built on click from memory, so it makes no network request. */
export function csvLink(rows, columns, filename) {
  const a = document.createElement('a');
  a.href = '#';
  a.textContent = `Download CSV (${rows.length} rows)`;
  a.setAttribute('data-csv', filename);
  a.addEventListener('click', (event) => {
    event.preventDefault();
    const url = URL.createObjectURL(new Blob([toCsv(rows, columns)], { type: 'text/csv;charset=utf-8' }));
    const link = Object.assign(document.createElement('a'), { href: url, download: filename });
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  });
  return a;
}

/**
 * A download link whose rows are loaded on click (e.g. a whole mart too large to ship with the page):
 * `load` returns the rows; `count` is shown in the label.
 */
export function lazyCsvLink(load, columns, filename, count) {
  const a = document.createElement('a');
  a.href = '#';
  a.textContent = `Download CSV (${count} rows)`;
  a.setAttribute('data-csv', filename);
  a.addEventListener('click', async (event) => {
    event.preventDefault();
    const rows = await load();
    const url = URL.createObjectURL(new Blob([toCsv(rows, columns)], { type: 'text/csv;charset=utf-8' }));
    const link = Object.assign(document.createElement('a'), { href: url, download: filename });
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  });
  return a;
}
