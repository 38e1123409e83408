// The month as_of falls in, while it is still running: a chart drew it like a whole month, so half a
// month's signups, tickets or movements read as a drop. Charts draw it lighter (bars) or hollow at the end
// of a dashed line (lines), and say so in a caption.
import { formatMonth } from './format.js';
import { monthIsRunning } from './kpis.js';

/**
 * `{ month, asOf }` when the month of `asOf` (YYYY-MM-DD, provenance.as_of) is not over on that day
 * (month: its first day, UTC); undefined when as_of is a month's last day or unknown.
 */
export function runningMonthOf(asOf) {
  if (typeof asOf !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) return undefined;
  const month = new Date(`${asOf.slice(0, 7)}-01T00:00:00Z`);
  return monthIsRunning(month, asOf) ? { month, asOf } : undefined;
}

/** Whether a chart's x value (a month's first day) is the running month. */
export const isRunningMonth = (value, running) =>
  running != null && value != null && +new Date(+value) === +running.month;

/** The caption of a chart that draws the running month: which month and up to which day. */
export const runningCaption = (running, how) =>
  `${formatMonth(running.month)} is to date (as of ${running.asOf}): ${how}; its values can still change.`;
