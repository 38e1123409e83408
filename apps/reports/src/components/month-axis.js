// The x axis of a chart over months. Over a short range (a few months picked, a young account) Plot's
// own ticks fall on weeks ("7 Jun, 14, 21, 28"): each point is a month, so the ticks are months then,
// one in every `step` so their labels fit. Over a year or more Plot's ticks are months, quarters or
// years already, and are left to it.
import * as d3 from 'd3';

/** Below this many months, the ticks are set to months. */
const SHORT_RANGE = 12;
/** About the width a "Sep 2026" label takes, with room around it. */
const LABEL_WIDTH = 72;

/** The months (first days, UTC) the ticks fall on, or undefined to leave them to Plot. */
export function monthTicks(dates, width) {
  const months = [
    ...new Set(dates.filter((d) => d != null).map((d) => +d3.utcMonth.floor(new Date(+d)))),
  ].sort((a, b) => a - b);
  if (months.length === 0 || months.length >= SHORT_RANGE) return undefined;
  const fit = Math.max(1, Math.floor(width / LABEL_WIDTH));
  const step = Math.ceil(months.length / fit);
  return months.filter((_, i) => i % step === 0).map((m) => new Date(m));
}

/** The middle of the month starting at `month` (a first day, UTC): where a month's point sits over its bar. */
export function midMonth(month) {
  const start = +new Date(+month);
  return new Date((start + +d3.utcMonth.offset(new Date(start), 1)) / 2);
}

/** From the first of the months to the end of the last: the span a month's bars cover, the x domain. */
export function wholeMonths(dates) {
  const months = dates.filter((d) => d != null).map((d) => +d3.utcMonth.floor(new Date(+d)));
  if (months.length === 0) return undefined;
  return [new Date(Math.min(...months)), d3.utcMonth.offset(new Date(Math.max(...months)), 1)];
}

/**
 * The x scale options of a month chart: UTC, no label, month ticks over a short range. With `spans`, the
 * domain covers each month whole, as bars over months do (a chart of points drawn above bars then lines
 * its points up with them, each at the middle of its month: `midMonth`).
 */
export function monthAxis(dates, width, { spans = false } = {}) {
  const ticks = monthTicks(dates, width);
  const domain = spans ? wholeMonths(dates) : undefined;
  return {
    type: 'utc',
    label: null,
    ...(domain ? { domain } : {}),
    ...(ticks ? { ticks, tickFormat: '%b %Y' } : {}),
  };
}
