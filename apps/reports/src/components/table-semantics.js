// What Inputs.table says by sight only, said to assistive tech too: the column the rows are sorted by
// (the ▴ or ▾ it draws in the header) as aria-sort, and, in a table without row selection, its empty
// first column (where the selectors would be) hidden, so a screen reader announces no unnamed column.

/** The order Inputs.table's arrow (the header's first child, a <span>) shows. */
const ORDER = { '▴': 'ascending', '▾': 'descending' };

/** aria-sort on the header the rows are sorted by, and on no other; the arrow itself is not read out. */
function syncSort(table) {
  for (const th of table.querySelectorAll('thead th[title]')) {
    th.firstElementChild?.setAttribute('aria-hidden', 'true');
    const order = ORDER[th.firstChild?.textContent ?? ''];
    if (order) th.setAttribute('aria-sort', order);
    else th.removeAttribute('aria-sort');
  }
}

/** Hides the first cell of each row: the table's rows are added as it scrolls and re-added on a sort. */
function hideFirstColumn(table) {
  const hide = () => {
    for (const row of table.querySelectorAll('tr'))
      row.firstElementChild?.setAttribute('aria-hidden', 'true');
  };
  hide();
  const body = table.querySelector('tbody');
  if (body) new MutationObserver(hide).observe(body, { childList: true });
}

/** The table (an Inputs.table), its sort order and its columns as assistive tech should read them. */
export function tableSemantics(table) {
  syncSort(table);
  // A click on a header sorts (Inputs.table's own listener, on the header) before it reaches the head.
  table.querySelector('thead')?.addEventListener('click', () => syncSort(table));
  const corner = table.querySelector('thead th:first-child');
  if (corner && corner.childElementCount === 0 && corner.textContent === '') hideFirstColumn(table);
  return table;
}
