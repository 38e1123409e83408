// Distribution of days to first value over the accounts that reached it, with 7- and 30-day marks.
import * as Plot from '@observablehq/plot';
import { OKABE_ITO } from './palette.js';

export function ttvHistogram(rows, { width }) {
  return Plot.plot({
    width,
    height: 240,
    marginLeft: 48,
    x: { label: 'Days from signup to first value', zero: true },
    y: { label: 'Accounts', grid: true },
    marks: [
      Plot.rectY(
        rows,
        Plot.binX({ y: 'count' }, { x: 'ttv_days', thresholds: 30, fill: OKABE_ITO.blue, tip: true }),
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
