// Config targets as the build judged them (target/run_results.json → data/targets.json): the badge a KPI
// card shows and the dashed rule a chart draws. The state is the build's, for the latest complete month;
// nothing is judged here.
import { el } from './dom.js';
import { formatMonth, formatterFor } from './format.js';

const STATE_TEXT = { met: 'met', breached: 'breached', no_data: 'no value', error: 'cannot be evaluated' };

/** The target of `metric` (`<mart>.<column>`) for exactly this segment, if the config has one. */
export function targetFor(targets, metric, segment) {
  return (targets ?? []).find((t) => t.metric === metric && t.segment === segment) ?? null;
}

/** The config targets on one mart's columns for the selected segment: what its chart cards show. */
export const targetsOf = (targets, mart, segment) =>
  (targets ?? []).filter((t) => t.mart === mart && t.segment === segment);

/** The unit a mart column reads in, from its name (the marts name rates, money, days and hours so). */
export function kindOfColumn(column) {
  if (/(_rate|^nrr|^grr|retention|stickiness|_share)/.test(column)) return 'percent';
  if (/_days$/.test(column)) return 'days';
  if (/_hours$/.test(column)) return 'hours';
  if (/^(nps|csat)/.test(column)) return 'score';
  if (/(mrr|arr|arpa|clv|cac|spend|revenue)/.test(column)) return 'money';
  return 'number';
}

/** `< 5.0%`, in the unit of the card. */
export function formatTarget(target, kind = 'number') {
  return `${target.operator} ${formatterFor(kind, null)(target.threshold)}`;
}

const judgedMonth = (target) => (target.month ? formatMonth(new Date(target.month)) : 'no month');

/** One line under a KPI: "Target < 5.0%: breached in Sep 2026"; the build's message as its title. */
export function targetBadge(target, kind) {
  return el(
    'span',
    {
      class: `pulse-target ${target.status}`,
      'data-target-metric': target.metric,
      'data-target-status': target.status,
      title: target.message,
    },
    `Target ${formatTarget(target, kind)}: ${STATE_TEXT[target.status] ?? target.status} in ${judgedMonth(target)}`,
  );
}

/** A chart's dashed rule at the target of `metric` for the segment, or null without one. */
export function targetRule(targets, metric, segment, kind = 'percent') {
  const target = targetFor(targets, metric, segment);
  if (!target || target.threshold == null) return null;
  return {
    value: target.threshold,
    label: `target ${formatTarget(target, kind)} (${STATE_TEXT[target.status] ?? target.status} in ${judgedMonth(target)})`,
  };
}
