// A short note beside some cells of a table view (e.g. "to date" on a value that can still change), in
// an element of its own after the value, so the value reads as the table writes it everywhere else.
import { el } from './dom.js';

/**
 * Inputs.table's own formatting of a cell without a format of ours: numbers in English notation (its
 * `locale` defaults to "en"), as every other table of the site writes them, whatever the reader's locale.
 */
const plain = (value) =>
  typeof value === 'number' ? (value === 0 ? '0' : value.toLocaleString('en')) : String(value);

/**
 * A table column's format that adds `note(row)` (a string, or nothing) after the value `format` (or
 * Inputs.table's default) writes. Inputs.table calls a format with the value, the row's index and the rows.
 */
export function withNote(note, format = plain) {
  return (value, i, rows) => {
    const text = format(value, i, rows);
    const said = note(rows[i]);
    if (!said) return text;
    return el('span', {}, text, el('span', { 'data-note': said }, ` · ${said}`));
  };
}
