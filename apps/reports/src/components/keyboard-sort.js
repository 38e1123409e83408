// Inputs.table sorts on a click of a column header only: each header is made reachable with Tab and
// sorts with Enter or Space, as a click does, so the tables ("click a column to sort") work without a
// mouse too.

import * as Inputs from '@observablehq/inputs';
import { tableSemantics } from './table-semantics.js';

/** The table (an Inputs.table), its sortable headers made keyboard-operable. */
export function keyboardSortable(table) {
  for (const header of table.querySelectorAll('thead th[title]')) {
    header.setAttribute('tabindex', '0');
    header.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter' && event.key !== ' ') return;
      event.preventDefault();
      header.click();
    });
  }
  return table;
}

/** Inputs.table, its headers keyboard-operable (see keyboardSortable) and its sort order announced. */
export const sortableTable = (rows, options) => tableSemantics(keyboardSortable(Inputs.table(rows, options)));
