// The page filters: a segment selector and a month range, in one form so a page reads one value
// {segment, from, to}. The default range is the last 24 months, ending at the latest month.
import * as Inputs from '@observablehq/inputs';
import { el } from './dom.js';
import { formatMonth } from './format.js';

const segmentLabel = (s) => (s === 'all' ? 'All segments' : s.replaceAll('_', ' '));

/** @param {{segments?: string[], months: Date[], last?: number}} options */
export function filters({ segments, months, last = 24 }) {
  const inputs = {};
  if (segments)
    inputs.segment = Inputs.select(segments, { label: 'Segment', value: 'all', format: segmentLabel });
  if (months.length > 0) {
    inputs.from = Inputs.select(months, {
      label: 'From',
      value: months[Math.max(0, months.length - last)],
      format: formatMonth,
    });
    inputs.to = Inputs.select(months, { label: 'To', value: months.at(-1), format: formatMonth });
  }
  return Inputs.form(inputs, {
    template: (parts) => el('div', { class: 'pulse-controls', 'data-filters': '' }, ...Object.values(parts)),
  });
}

export { readFilters } from './filter-value.js';
