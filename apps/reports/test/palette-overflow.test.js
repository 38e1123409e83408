// @vitest-environment jsdom
// Charts of more categories than the palette's eight colours: in CAC by channel the ninth channel's line
// took the first one's colour, so two channels read as one line; the Data quality page's quarantined rows
// had the same with a ninth reason.
import { describe, expect, it } from 'vitest';
import { categoryLines } from '../src/components/category-lines.js';
import { OKABE_ITO } from '../src/components/palette.js';
import { quarantineChart } from '../src/components/quality-charts.js';

function chartOf(count) {
  const categories = ['all', ...Array.from({ length: count - 1 }, (_, i) => `channel-${i + 1}`)];
  const rows = categories.flatMap((channel, i) =>
    ['2026-10-01', '2026-11-01'].map((month, m) => ({
      month: new Date(month),
      channel,
      cac: 100 + 10 * i + m,
    })),
  );
  const chart = categoryLines(rows, { y: 'cac', z: 'channel', categories, width: 640, noun: 'channels' });
  const strokes = [...chart.querySelectorAll('[aria-label="line"] path')].map((path) =>
    path.getAttribute('stroke'),
  );
  return { chart, categories, strokes };
}

describe('lines by category', () => {
  it('give each of up to eight categories a colour of its own, with no note', () => {
    const { chart, categories, strokes } = chartOf(8);
    expect(strokes).toHaveLength(categories.length);
    expect(new Set(strokes).size).toBe(categories.length);
    expect(chart.textContent).not.toContain('In grey');
  });

  it('past eight, keep seven colours for the first categories, draw the others grey and name them', () => {
    const { chart, categories, strokes } = chartOf(11);
    expect(strokes).toHaveLength(categories.length);
    const coloured = strokes.filter((stroke) => stroke !== OKABE_ITO.grey);
    expect(coloured).toHaveLength(7);
    expect(new Set(coloured).size).toBe(7);
    expect(chart.querySelector('p')?.textContent).toBe(
      'In grey, 4 more channels: channel-7, channel-8, channel-9, channel-10 (each in the table view).',
    );
  });
});

describe('quarantined rows by reason', () => {
  it('past eight reasons, keep seven colours for the reasons with the most rows and name the others', () => {
    const reasons = Array.from({ length: 10 }, (_, i) => `reason_${String(i).padStart(2, '0')}`);
    const rows = reasons.map((reason, i) => ({ source: 'events', reason, rows: 100 - i }));
    const chart = quarantineChart(rows, { width: 640 });
    const fills = [...chart.querySelectorAll('[aria-label="bar"] rect')].map((rect) =>
      rect.getAttribute('fill'),
    );
    expect(fills).toHaveLength(reasons.length);
    const coloured = fills.filter((fill) => fill !== OKABE_ITO.grey);
    expect(new Set(coloured).size).toBe(7);
    expect(coloured).toHaveLength(7);
    expect(chart.querySelector('p')?.textContent).toBe(
      'In grey, 3 more reasons: reason_07, reason_08, reason_09 (each in the table view).',
    );
  });
});
