// @vitest-environment jsdom
// CAC by channel with more channels than the palette's eight colours: the ninth channel's line took the
// first one's colour, so two channels read as one line in the legend and on the chart.
import { describe, expect, it } from 'vitest';
import { categoryLines } from '../src/components/category-lines.js';
import { OKABE_ITO } from '../src/components/palette.js';

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
