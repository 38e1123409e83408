// One KPI: the value of the selected month, its change vs the previous month, and a sparkline.
// The raw mart value sits in data-value so tests (and curious readers) can check it exactly.
import { resize } from 'observablehq:stdlib';
import { el } from './dom.js';
import { formatDelta, formatMonth, formatterFor, shownDelta } from './format.js';
import { sparkline } from './sparkline.js';
import { targetBadge } from './targets.js';

/**
 * @param {{id: string, label: string, kind: string, better: 'up'|'down'|null, series: {x: Date, y: number|null}[],
 *   current: {x: Date, y: number|null}|null, previous: {x: Date, y: number|null}|null, month: string,
 *   currency?: string|null, benchmark?: {value: number, label: string}, caption?: string,
 *   target?: object|null}} spec
 * series: the sparkline (the selected range); current: the value shown; previous: the month before it.
 * target: the config target of this KPI and segment as the build judged it (targets.js); its threshold
 * replaces the benchmark line. judged: false for a month to date set against a whole one (kpis.js
 * changeIsJudged): the change is shown, without colour or verdict, against "all of" the month before.
 */
export function kpiCard({
  id,
  label,
  kind,
  better,
  series,
  current,
  previous,
  month,
  currency,
  benchmark,
  caption,
  target,
  judged = true,
}) {
  const format = formatterFor(kind, currency);
  const value = current?.y ?? null;
  const exactDelta = value != null && previous?.y != null ? value - previous.y : null;
  // Arrow, colour and verdict follow the change as shown: none for one that rounds to nothing.
  const delta = shownDelta(kind, exactDelta, currency);
  const tone =
    delta == null || delta === 0 || !better || !judged
      ? ''
      : delta > 0 === (better === 'up')
        ? 'good'
        : 'bad';
  const arrow = delta == null || delta === 0 ? '' : delta > 0 ? '▲ ' : '▼ ';
  const card = el(
    'div',
    { class: 'card pulse-kpi', 'data-kpi': id },
    el('h2', {}, label),
    el('h3', {}, month),
    el(
      'span',
      { class: 'big', 'data-value': value == null ? '' : String(value) },
      // Suppressed for config min_group_size (scripts/lib/small-groups.js): the value is NULL.
      current?.suppressed != null ? `suppressed (${current.suppressed})` : format(value),
    ),
    el(
      'span',
      { class: `delta ${tone}`, 'data-delta': exactDelta == null ? '' : String(exactDelta) },
      previous
        ? `${arrow}${formatDelta(kind, delta, currency)} vs ${judged ? '' : 'all of '}${formatMonth(previous.x)}`
        : 'no previous month',
      // Said in words too: the colour alone tells better from worse (WCAG 1.4.1).
      tone && el('span', { class: 'pulse-sr-only' }, tone === 'good' ? ' (better)' : ' (worse)'),
    ),
  );
  if (target) card.append(targetBadge(target, kind));
  const rule = target?.threshold ?? benchmark?.value;
  if (series.some((p) => p.y != null)) {
    const title = `${label}, ${formatMonth(series[0].x)} to ${formatMonth(current.x)}`;
    card.append(
      resize((width) => {
        const svg = sparkline(series, { width, benchmark: rule, label: title });
        svg.setAttribute('role', 'img');
        return svg;
      }),
    );
  }
  const ruleLabel = target ? 'dashed line: the target' : benchmark?.label;
  card.append(el('span', { class: 'muted small' }, [caption, ruleLabel].filter(Boolean).join(' · ')));
  return card;
}
