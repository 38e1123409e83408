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

/** The x scale options of a month chart: UTC, no label, month ticks over a short range. */
export function monthAxis(dates, width) {
  const ticks = monthTicks(dates, width);
  return { type: 'utc', label: null, ...(ticks ? { ticks, tickFormat: '%b %Y' } : {}) };
}
