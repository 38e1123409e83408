// Config `min_group_size` on the site: a cohort or segment cell computed from fewer accounts than that is
// served suppressed (its values NULL, the row flagged), so every chart, table view and CSV download built
// from it shows no value. Only the JSON served to the pages changes: the Parquet marts keep full values.
// Default off (no min_group_size in run_results.json's vars): rows are served exactly as exported.

/** Columns that name a cell rather than measure it: never suppressed. */
const KEYS = new Set([
  'month',
  'segment',
  'cohort_month',
  'signup_month',
  'months_since',
  'channel',
  'is_partial_month',
]);

/**
 * Per mart: the columns counting what its cells were computed from (`counts`; the cell is suppressed when
 * any of them is 1 … min_group_size − 1: a count of 0 computed nothing, its rates are already NULL), what
 * they count (`unit`, for the note), the columns that do not come from that group (`keep`), and `sizesFrom`
 * when the mart has no count of its own but is computed from another mart's cell of the same key.
 * Marts not listed (account-level ones, documents) are served unchanged.
 */
export const SMALL_GROUPS = {
  // MRR, ARPA and the movements are computed from the month's active accounts, the churn and retention
  // rates from the accounts active the month before: both groups must be large enough.
  mrr_monthly: { counts: ['active_accounts', 'start_accounts'], unit: 'accounts' },
  cohort_retention: { counts: ['cohort_accounts'], unit: 'accounts' },
  // No count of its own: ARPA comes from mrr_monthly's cell of the same month and segment (and the churn
  // it is divided by from the same segment's previous months). gross_margin is the config value.
  clv_monthly: {
    counts: ['active_accounts', 'start_accounts'],
    unit: 'accounts',
    sizesFrom: { mart: 'mrr_monthly', key: ['month', 'segment'] },
    keep: ['gross_margin'],
  },
  // Per acquisition channel: spend is not computed from accounts and stays.
  cac_monthly: { counts: ['new_accounts'], unit: 'accounts', keep: ['spend'] },
  ttv_cohorts: { counts: ['accounts'], unit: 'accounts' },
  engagement_monthly: { counts: ['active_accounts'], unit: 'accounts' },
  // These marts count responses, renewals or tickets, not accounts: each belongs to one account, so fewer
  // of them than min_group_size means fewer accounts too (a larger count may still come from fewer).
  nps_monthly: { counts: ['responses'], unit: 'responses' },
  csat_monthly: { counts: ['responses'], unit: 'responses' },
  renewals_monthly: { counts: ['renewals_due'], unit: 'renewals' },
  // The resolution and first-response times; ticket counts opened and open stay.
  support_monthly: {
    counts: ['tickets_resolved'],
    unit: 'tickets',
    keep: ['tickets_created', 'open_backlog'],
  },
};

/** config min_group_size as the build passed it: a whole number ≥ 2 turns suppression on (1 hides nothing). */
export function minGroupSizeOf(value) {
  return Number.isInteger(value) && value >= 2 ? value : null;
}

/** The flag a suppressed row carries, as the table views and CSV downloads show it. */
export const suppressedLabel = (minGroupSize, unit) => `< ${minGroupSize} ${unit}`;

const keyOf = (row, key) => key.map((k) => String(row[k])).join('\u0001');

/**
 * The rows of mart `name` as the pages may show them with `minGroupSize` (null: off, rows returned as
 * they are). A row whose group is too small keeps its key columns and `keep` ones; every other column is
 * NULL and `suppressed` says why (e.g. "< 5 accounts"). `sizeRows`: the rows of `sizesFrom.mart`, when
 * the mart has one. The `all` row follows the same rule as any segment. Never changes its input.
 */
export function suppressSmallGroups(name, rows, minGroupSize, { sizeRows = [] } = {}) {
  const spec = SMALL_GROUPS[name];
  const min = minGroupSizeOf(minGroupSize);
  if (!spec || min === null) return rows;
  const sizes = spec.sizesFrom ? new Map(sizeRows.map((row) => [keyOf(row, spec.sizesFrom.key), row])) : null;
  const label = suppressedLabel(min, spec.unit);
  const keep = new Set([...KEYS, ...(spec.keep ?? [])]);
  return rows.map((row) => {
    const counts = sizes ? sizes.get(keyOf(row, spec.sizesFrom.key)) : row;
    // Without its size (no such cell in sizeRows), a cell cannot be shown as large enough.
    const small =
      counts === undefined ||
      spec.counts.some((c) => typeof counts[c] === 'number' && counts[c] > 0 && counts[c] < min);
    if (!small) return row;
    const out = {};
    for (const [column, value] of Object.entries(row)) out[column] = keep.has(column) ? value : null;
    out.suppressed = label;
    return out;
  });
}

const MONTH_KEYS = ['month', 'cohort_month', 'signup_month'];
const OTHER_KEYS = ['channel', 'months_since'];

/** A mart row's cell, as the Changes page names it: month, segment (or ''), the other keys of its grain. */
const cellOfRow = (row) =>
  [
    row[MONTH_KEYS.find((k) => k in row)],
    row.segment ?? '',
    ...OTHER_KEYS.filter((k) => k in row).map((k) => `${k}=${row[k]}`),
  ].join('|');

/** The same for a moved value of the `changes` document (other keys as a JSON object). */
const cellOfValue = (value) =>
  [
    value.month,
    value.segment ?? '',
    ...Object.entries(value.other_keys ?? {})
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${k}=${v}`),
  ].join('|');

/** The marts whose counts size `mart`'s cells. */
export const sizeMartOf = (mart) => SMALL_GROUPS[mart]?.sizesFrom?.mart ?? mart;

/**
 * The moved values of the Changes page (`changes` document) with those of small cells suppressed: a value
 * moves between two runs, so it is suppressed when its cell was small in either. `martRows`: the current
 * rows (full values) of each size mart (sizeMartOf) the values name. The previous run's counts are the
 * current ones with the moves of the count columns undone (a cell the run added had none; a removed one
 * has them in its old row). Suppressed: old and new NULL, `suppressed` says why. Off: values unchanged.
 */
export function suppressMovedValues(values, martRows, minGroupSize) {
  const min = minGroupSizeOf(minGroupSize);
  if (min === null) return values;
  const current = new Map();
  for (const [mart, rows] of Object.entries(martRows))
    current.set(mart, new Map(rows.map((row) => [cellOfRow(row), row])));
  // The previous run's counts of every cell of a size mart that a moved value names: the current ones
  // with the count columns' moves undone.
  const previous = new Map();
  for (const value of values) {
    if (!current.has(value.mart)) continue;
    const cell = cellOfValue(value);
    const id = `${value.mart}\u0001${cell}`;
    if (!previous.has(id)) {
      const now = current.get(value.mart).get(cell);
      previous.set(id, now === undefined ? undefined : { ...now });
    }
    if (value.change === 'added') previous.set(id, undefined);
    else if (value.change === 'removed') previous.set(id, value.old ?? undefined);
    else if (value.change === 'changed' && previous.get(id)) previous.get(id)[value.column] = value.old;
  }
  const isSmall = (spec, counts) =>
    counts !== undefined &&
    counts !== null &&
    spec.counts.some((c) => typeof counts[c] === 'number' && counts[c] > 0 && counts[c] < min);
  return values.map((value) => {
    const spec = SMALL_GROUPS[value.mart];
    if (!spec) return value;
    const sizeMart = sizeMartOf(value.mart);
    const cell = cellOfValue(value);
    const now = current.get(sizeMart)?.get(cell);
    const id = `${sizeMart}\u0001${cell}`;
    const before = previous.has(id) ? previous.get(id) : now;
    if (!isSmall(spec, now) && !isSmall(spec, before)) return value;
    return { ...value, old: null, new: null, suppressed: suppressedLabel(min, spec.unit) };
  });
}

/**
 * Config targets as the build judged them (`targets` document), without the value of a target whose cell
 * the pages show suppressed: `servedRows` are the mart rows as served (suppressSmallGroups), by mart. The
 * state (met or breached) stays, as `pulse check` reports it; the value and the message quoting it go.
 */
export function suppressTargetValues(targets, servedRows) {
  return targets.map((target) => {
    const cell = (servedRows[target.mart] ?? []).find(
      (row) => row.month === target.month && row.segment === target.segment,
    );
    if (cell?.suppressed == null) return target;
    const month = String(target.month).slice(0, 7);
    return {
      ...target,
      value: null,
      message: `${target.metric} [${target.segment}] in ${month}: value suppressed (${cell.suppressed})`,
      suppressed: cell.suppressed,
    };
  });
}
