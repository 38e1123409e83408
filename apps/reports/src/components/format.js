// Display formatting only; the table views and CSV downloads keep the marts' full precision.
import * as d3 from 'd3';

const month = d3.utcFormat('%b %Y');
const isoDay = d3.utcFormat('%Y-%m-%d');

export const formatMonth = (d) => (d == null ? '—' : month(d));
export const formatIsoDate = (d) => (d == null ? '' : isoDay(d));

export function formatMoney(v, currency, { compact = true } = {}) {
  if (v == null) return '—';
  const options = {
    notation: compact ? 'compact' : 'standard',
    maximumFractionDigits: compact ? 1 : 0,
    // Stated, not left to the engine: for a compact currency under 1,000, Node 20 pads to "$49.0" where
    // Chromium writes "$49", and the browser tests format their expectations in Node.
    ...(compact ? { minimumFractionDigits: 0 } : {}),
    ...(currency ? { style: 'currency', currency } : {}),
  };
  return new Intl.NumberFormat('en-US', options).format(v);
}

export const formatPercent = (v, digits = 1) => (v == null ? '—' : `${(v * 100).toFixed(digits)}%`);
export const formatNumber = (v, digits = 0) =>
  v == null ? '—' : new Intl.NumberFormat('en-US', { maximumFractionDigits: digits }).format(v);

/** kind → formatter for KPI cards and axes. */
export function formatterFor(kind, currency) {
  switch (kind) {
    case 'money':
      return (v) => formatMoney(v, currency);
    case 'percent':
      return (v) => formatPercent(v);
    case 'ratio':
      return (v) => formatNumber(v, 2);
    case 'days':
      return (v) => (v == null ? '—' : `${formatNumber(v, 1)} d`);
    case 'hours':
      return (v) => (v == null ? '—' : `${formatNumber(v, 1)} h`);
    case 'score':
      return (v) => formatNumber(v, 1);
    default:
      return (v) => formatNumber(v);
  }
}

/**
 * The change as shown: null when there is none to show, and 0 when it rounds to nothing at the precision
 * shown (0.817 → 0.778 days read "▼ −0 d … (better)": an arrow and a verdict for no visible change).
 */
export function shownDelta(kind, delta, currency) {
  if (delta == null) return null;
  const magnitude = formatDelta(kind, Math.abs(delta), currency).slice(1);
  return magnitude === formatDelta(kind, 0, currency).slice(1) ? 0 : delta;
}

/** Change vs the previous value, in the unit a reader expects: points for rates and scores. */
export function formatDelta(kind, delta, currency) {
  if (delta == null) return '—';
  const sign = delta > 0 ? '+' : delta < 0 ? '−' : '±';
  const abs = Math.abs(delta);
  switch (kind) {
    case 'money':
      return `${sign}${formatMoney(abs, currency)}`;
    case 'percent':
      return `${sign}${(abs * 100).toFixed(1)} pts`;
    case 'score':
      return `${sign}${formatNumber(abs, 1)} pts`;
    case 'ratio':
      return `${sign}${formatNumber(abs, 2)}`;
    case 'days':
      return `${sign}${formatNumber(abs, 1)} d`;
    default:
      return `${sign}${formatNumber(abs, 1)}`;
  }
}
