// Reshapes the normalised run results (data/run.json) into the Data quality page's tables.

export const NODE_COLUMNS = ['model', 'layer', 'status', 'tests_passed', 'tests_failed', 'rows', 'message'];
export const TEST_COLUMNS = ['model', 'test', 'status', 'failures', 'severity'];
export const SOURCE_COLUMNS = [
  'source',
  'rows_read',
  'rows_loaded',
  'rows_quarantined',
  'rows_left_out',
  'left_out',
  'latest_record_at',
  'days_before_as_of',
];
/** Each file (or vendor table) of a source with the rows it had left out on purpose, and why. */
export const LEFT_OUT_COLUMNS = ['source', 'file', 'rows', 'reason'];
export const TEST_CHART_COLUMNS = ['model', 'tests_passed', 'tests_failed'];
export const QUARANTINE_CHART_COLUMNS = ['source', 'reason', 'rows'];
/** Each reason with the sentence and file:line of its first example in run_results.json, when it has one. */
export const QUARANTINE_COLUMNS = ['source', 'reason', 'rows', 'example_reason', 'example_at'];
export const MART_COLUMNS = [
  'mart',
  'present',
  'rows',
  'status',
  'tests_total',
  'tests_failed',
  'type_drift',
];

export const nodeRows = (run) =>
  run.nodes.map((n) => ({
    model: n.name,
    layer: n.layer,
    status: n.status,
    tests_passed: n.tests.filter((t) => t.status === 'pass').length,
    tests_failed: n.tests.filter((t) => t.status !== 'pass').length,
    rows: n.rows,
    message: n.message,
  }));

export const testRows = (run) =>
  run.nodes.flatMap((n) =>
    n.tests.map((t) => ({
      model: n.name,
      test: t.name,
      status: t.status,
      failures: t.failures,
      severity: t.severity,
    })),
  );

const rowsWord = (rows) => `${rows.toLocaleString('en-US')} ${rows === 1 ? 'row' : 'rows'}`;

/**
 * A source's rows left out on purpose in plain words, per reason over its files: "2 rows left out as
 * deleted (status deleted)". Null when none, or when run_results.json does not say (an older file).
 */
export function leftOutWords(leftOut) {
  if (!leftOut?.length) return null;
  const byReason = new Map();
  for (const r of leftOut) byReason.set(r.reason, (byReason.get(r.reason) ?? 0) + (r.rows ?? 0));
  return [...byReason].map(([reason, rows]) => `${rowsWord(rows)} ${reason}`).join('; ');
}

/**
 * How far each source's latest record is behind as_of, in whole days (display only). The rows left out
 * on purpose are outside rows_read: neither loaded nor quarantined, they are said beside them.
 */
export function sourceRows(run, asOf) {
  const end = asOf ? Date.parse(`${asOf}T23:59:59Z`) : null;
  return run.sources.map((s) => {
    const latest = s.latest_record_at ? Date.parse(s.latest_record_at) : null;
    return {
      source: s.name,
      rows_read: s.rows_read,
      rows_loaded: s.rows_loaded,
      rows_quarantined: s.rows_quarantined,
      rows_left_out: s.rows_left_out ? s.rows_left_out.reduce((sum, r) => sum + (r.rows ?? 0), 0) : null,
      left_out: leftOutWords(s.rows_left_out),
      latest_record_at: s.latest_record_at,
      days_before_as_of: end != null && latest != null ? Math.floor((end - latest) / 86_400_000) : null,
    };
  });
}

export const leftOutRows = (run) =>
  run.sources.flatMap((s) =>
    (s.rows_left_out ?? []).map((r) => ({
      source: s.name,
      file: r.file ?? r.vendor_table,
      rows: r.rows,
      reason: r.reason,
    })),
  );

export const martRows = (provenance) =>
  Object.entries(provenance.marts).map(([mart, m]) => ({
    mart,
    present: m.present,
    rows: m.rows,
    status: m.status,
    tests_total: m.tests_total,
    tests_failed: m.tests_failed,
    type_drift: m.drift.join('; ') || null,
  }));
