// The month as_of falls in, while it is still running: a chart drew it like a whole month, so half a
// month's signups, tickets or movements read as a drop. Charts draw it lighter (bars) or hollow at the end
// of a dashed line (lines), and say so in a caption.
import * as Plot from '@observablehq/plot';
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

/**
 * The marks of lines over months with the running month drawn apart: solid lines and filled points over
 * the whole months, then from each line's last whole month a dashed segment to a hollow point (outlined
 * in the colour its filled point would have). `line` and `dot` are the Plot options of the lines and of
 * their points; `x` names the points' month field; `isRunning` tells a running month's point. With no
 * running point, the plain lines and points.
 */
export function lineMarksWithRunningMonth(points, { x, isRunning, line, dot }) {
  const running = points.filter(isRunning);
  if (running.length === 0) return [Plot.lineY(points, line), Plot.dot(points, dot)];
  const whole = points.filter((p) => !isRunning(p));
  const lastWhole = Math.max(...whole.map((p) => +p[x]));
  // The filled point's colour outlines the hollow one; its tip names the line by that outline.
  const { fill: _fill, ...format } = dot.tip?.format ?? {};
  return [
    Plot.lineY(whole, line),
    Plot.dot(whole, dot),
    Plot.lineY(
      points.filter((p) => isRunning(p) || +p[x] === lastWhole),
      { ...line, strokeDasharray: '4,3' },
    ),
    Plot.dot(running, {
      ...dot,
      fill: 'white',
      stroke: dot.fill,
      strokeWidth: 1.5,
      r: 3,
      ...(dot.tip ? { tip: { format: { ...format, stroke: true } } } : {}),
    }),
  ];
}
