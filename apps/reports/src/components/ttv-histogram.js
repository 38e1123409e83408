// Distribution of days to first value over the accounts that reached it, with 7- and 30-day marks. The
// rows are counts per whole day (`days`, `accounts`), so the bins are whole days too: about 30 of them,
// each a nice number of days wide, and a day's accounts always fall in one bin.
import * as Plot from '@observablehq/plot';
import { OKABE_ITO } from './palette.js';

/** A bin width of 1, 2 or 5 times a power of ten days, never under a day, for about `count` bins. */
export function binWidth(maxDay, count = 30) {
  const raw = (maxDay + 1) / count;
  if (raw <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].find((m) => m * power >= raw) * power;
  return Math.max(1, Math.round(step));
}

/** The bin width the histogram of these rows draws, in days. */
export const histogramBinDays = (rows) => binWidth(rows.reduce((max, r) => Math.max(max, r.days), 0));

/** What one bar of the histogram of these rows counts: its caption says so (bins may be days wide). */
export function histogramBinsText(rows) {
  const step = histogramBinDays(rows);
  return step === 1
    ? 'by whole days (0 = within the first 24 hours)'
    : `in bins of ${step} days (the first, 0–${step}, counts the accounts that reached value within ${step} days of signup)`;
}

export function ttvHistogram(rows, { width }) {
  const maxDay = rows.reduce((max, r) => Math.max(max, r.days), 0);
  const step = binWidth(maxDay);
  const thresholds = Array.from({ length: Math.floor(maxDay / step) + 2 }, (_, i) => i * step);
  return Plot.plot({
    width,
    height: 240,
    marginLeft: 48,
    x: { label: 'Days from signup to first value', zero: true },
    y: { label: 'Accounts', grid: true },
    marks: [
      Plot.rectY(
        rows,
        Plot.binX({ y: 'sum' }, { x: 'days', y: 'accounts', thresholds, fill: OKABE_ITO.blue, tip: true }),
      ),
      Plot.ruleX([7, 30], { stroke: OKABE_ITO.vermillion, strokeDasharray: '4,3' }),
      Plot.text([7, 30], {
        x: (d) => d,
        text: (d) => `${d} days`,
        frameAnchor: 'top',
        dx: 4,
        textAnchor: 'start',
      }),
      Plot.ruleY([0]),
    ],
  });
}
