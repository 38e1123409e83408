// Medians: one slow run (another engineer's build on the same 2 cores) must not move a figure.
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
export const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
