// A hand-written SVG (no browser, no chart library): build time and peak RSS of the full build against
// the scale's event count, both on log axes, so "about linear" reads as a slope-1 line.
import type { ScaleResult } from './scale-result.js';

const W = 640;
const H = 320;
const PAD = { left: 70, right: 70, top: 30, bottom: 50 };

export function chartSvg(results: readonly ScaleResult[]): string {
  const points = [...results].sort((a, b) => a.dataset.events - b.dataset.events);
  if (points.length === 0) return '<svg xmlns="http://www.w3.org/2000/svg"/>';
  const xs = points.map((p) => Math.log10(p.dataset.events));
  const [x0, x1] = [Math.min(...xs) - 0.2, Math.max(...xs) + 0.2];
  const x = (v: number) => PAD.left + ((Math.log10(v) - x0) / (x1 - x0)) * (W - PAD.left - PAD.right);
  const axis = (values: number[]) => {
    const logs = values.map(Math.log10);
    const lo = Math.floor(Math.min(...logs));
    const hi = Math.ceil(Math.max(...logs));
    return { lo, hi: hi === lo ? hi + 1 : hi };
  };
  const series = [
    {
      name: 'build time (s)',
      color: '#1f77b4',
      values: points.map((p) => p.build.seconds.median),
      side: 'left',
    },
    {
      name: 'peak RSS (MB)',
      color: '#d62728',
      values: points.map((p) => p.build.peakRssMb.median),
      side: 'right',
    },
  ] as const;
  const parts: string[] = [];
  for (const s of series) {
    const { lo, hi } = axis([...s.values]);
    const y = (v: number) => H - PAD.bottom - ((Math.log10(v) - lo) / (hi - lo)) * (H - PAD.top - PAD.bottom);
    const ax = s.side === 'left' ? PAD.left : W - PAD.right;
    for (let e = lo; e <= hi; e++) {
      const anchor = s.side === 'left' ? 'end' : 'start';
      const tx = s.side === 'left' ? ax - 6 : ax + 6;
      parts.push(
        `<text x="${tx}" y="${y(10 ** e) + 4}" text-anchor="${anchor}" fill="${s.color}">${10 ** e}</text>`,
      );
    }
    const path = points
      .map((p, i) => `${i ? 'L' : 'M'}${x(p.dataset.events).toFixed(1)},${y(s.values[i]!).toFixed(1)}`)
      .join(' ');
    parts.push(`<path d="${path}" fill="none" stroke="${s.color}" stroke-width="2"/>`);
    points.forEach((p, i) => {
      const cx = x(p.dataset.events).toFixed(1);
      const cy = y(s.values[i]!).toFixed(1);
      parts.push(`<circle cx="${cx}" cy="${cy}" r="4" fill="${s.color}"/>`);
      parts.push(
        `<text x="${cx}" y="${Number(cy) - 8}" text-anchor="middle" fill="${s.color}">${s.values[i]!.toFixed(s.side === 'left' ? 1 : 0)}</text>`,
      );
    });
  }
  for (const p of points) {
    parts.push(
      `<text x="${x(p.dataset.events)}" y="${H - PAD.bottom + 18}" text-anchor="middle">${p.scale} (${(p.dataset.events / 1e6).toFixed(1)} M events)</text>`,
    );
  }
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`,
    '<title>pulse build: time and peak RSS against scale</title>',
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2}" y="18" text-anchor="middle" font-size="13">pulse build: time and peak RSS against scale (log–log, medians)</text>`,
    `<line x1="${PAD.left}" y1="${H - PAD.bottom}" x2="${W - PAD.right}" y2="${H - PAD.bottom}" stroke="#999"/>`,
    `<line x1="${PAD.left}" y1="${PAD.top}" x2="${PAD.left}" y2="${H - PAD.bottom}" stroke="#1f77b4"/>`,
    `<line x1="${W - PAD.right}" y1="${PAD.top}" x2="${W - PAD.right}" y2="${H - PAD.bottom}" stroke="#d62728"/>`,
    `<text x="${PAD.left}" y="${H - 12}" fill="#1f77b4">● build time (s, left)</text>`,
    `<text x="${W - PAD.right}" y="${H - 12}" text-anchor="end" fill="#d62728">● peak RSS (MB, right)</text>`,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}
