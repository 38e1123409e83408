// The table view under every chart: the same rows the chart draws, sortable, dates as ISO days.
import * as Inputs from '@observablehq/inputs';
import { formatIsoDate } from './format.js';

export function tableView(rows, columns, { rows: visible = 12 } = {}) {
  const format = {};
  for (const c of columns) {
    if (rows.some((r) => r[c] instanceof Date)) format[c] = formatIsoDate;
  }
  return Inputs.table(rows, { columns, format, rows: visible, select: false, layout: 'auto' });
}
