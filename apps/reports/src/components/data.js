// Turning the JSON attachments back into typed rows, and the filters every page shares.
// Filtering selects rows; it never aggregates (the marts already hold every segment and month).

const DATE_COLUMNS = ['month', 'cohort_month', 'signup_month'];

/** ISO date strings → UTC Date objects (new Date('YYYY-MM-DD') is UTC midnight). */
export function revive(rows) {
  return rows.map((row) => {
    const out = { ...row };
    for (const c of DATE_COLUMNS) if (typeof out[c] === 'string') out[c] = new Date(out[c]);
    return out;
  });
}

/** { columns, rows: [[…]] } (scripts/lib/compact-rows.js) → rows as objects. */
export const fromCompact = ({ columns, rows }) =>
  rows.map((values) => Object.fromEntries(columns.map((c, i) => [c, values[i]])));

/** 'all' first, then the segments in alphabetical order. */
export function segmentsOf(...tables) {
  const set = new Set(tables.flatMap((rows) => rows.map((r) => r.segment)).filter((s) => s != null));
  set.delete('all');
  return ['all', ...[...set].sort()];
}

/** The distinct months (as the Date objects of the first table that has them), ascending. */
export function monthsOf(tables, key = 'month') {
  const byTime = new Map();
  for (const rows of tables)
    for (const r of rows) if (r[key]) byTime.set(+r[key], byTime.get(+r[key]) ?? r[key]);
  return [...byTime.keys()].sort((a, b) => a - b).map((t) => byTime.get(t));
}

export function inRange(rows, range, key = 'month') {
  if (!range) return rows;
  const [lo, hi] = [+range.from, +range.to].sort((a, b) => a - b);
  return rows.filter((r) => +r[key] >= lo && +r[key] <= hi);
}

export const forSegment = (rows, segment) => rows.filter((r) => r.segment === segment);

/** The rows of one segment within the selected months: what most charts draw. */
export const select = (rows, { segment, range, key = 'month' }) =>
  inRange(segment == null ? rows : forSegment(rows, segment), range, key);

/**
 * Keeps only the named columns, in that order (what a chart draws is what its CSV holds), and the flag of
 * a row suppressed for config min_group_size (scripts/lib/small-groups.js), which the chart card shows.
 */
export const pick = (rows, columns) =>
  rows.map((r) => {
    const out = Object.fromEntries(columns.map((c) => [c, r[c] ?? null]));
    if (r.suppressed != null) out.suppressed = r.suppressed;
    return out;
  });

/** The rows suppressed for config min_group_size: their values are NULL, `suppressed` says why. */
export const suppressedRows = (rows) => rows.filter((r) => r.suppressed != null);
