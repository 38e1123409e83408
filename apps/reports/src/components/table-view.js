// The table view under every chart: the same rows the chart draws, sortable, dates as ISO days.

import { accountCell } from './accounts.js';
import { formatIsoDate } from './format.js';
import { sortableTable } from './keyboard-sort.js';
import { withNote } from './table-note.js';

/**
 * `pages` (ids of the accounts with a page) makes an `account_id` column link to them. `notes`: per
 * column, a note for some rows' cells (row → string or nothing), written after the value (table-note.js).
 */
export function tableView(rows, columns, { rows: visible = 12, pages, notes = {} } = {}) {
  const format = {};
  for (const c of columns) {
    if (rows.some((r) => r[c] instanceof Date)) format[c] = formatIsoDate;
  }
  if (pages && columns.includes('account_id')) format.account_id = (id) => accountCell(id, pages);
  // A row suppressed for config min_group_size (scripts/lib/small-groups.js): its values are empty.
  if (columns.includes('suppressed')) format.suppressed = (why) => (why == null ? '' : `suppressed (${why})`);
  for (const [c, note] of Object.entries(notes))
    if (columns.includes(c)) format[c] = withNote(note, format[c]);
  return sortableTable(rows, { columns, format, rows: visible, select: false, layout: 'auto' });
}
