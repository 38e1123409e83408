// Reads target/run_results.json defensively: its exact shape is still being finalised by the engine
// work, so every field is looked up under the few names it may take (dbt-style `results`/`unique_id`,
// or a `nodes` map, tests nested per node or listed as separate results) and normalised to one shape.

const first = (...values) => values.find((v) => v !== undefined && v !== null);
const asArray = (v) =>
  Array.isArray(v)
    ? v
    : v && typeof v === 'object'
      ? Object.entries(v).map(([name, x]) => ({ name, ...x }))
      : [];
const lastSegment = (id) => (typeof id === 'string' ? id.split('.').at(-1) : undefined);
const num = (v) => (v === undefined || v === null || Number.isNaN(Number(v)) ? null : Number(v));

/** success | error | skipped | (anything else lower-cased) */
export function normaliseStatus(status) {
  const s = String(status ?? 'unknown').toLowerCase();
  if (['success', 'pass', 'passed', 'ok', 'built'].includes(s)) return 'success';
  if (['error', 'fail', 'failed', 'runtime error'].includes(s)) return 'error';
  if (['skipped', 'skip'].includes(s)) return 'skipped';
  return s;
}

function normaliseTest(t) {
  const failures = num(first(t.failures, t.failing_rows, t.failed_rows, t.count));
  const raw = first(t.status, t.result, failures == null ? undefined : failures > 0 ? 'fail' : 'pass');
  const s = String(raw ?? 'unknown').toLowerCase();
  const status = ['pass', 'passed', 'success', 'ok'].includes(s)
    ? 'pass'
    : ['fail', 'failed'].includes(s)
      ? 'fail'
      : ['warn', 'warning'].includes(s)
        ? 'warn'
        : s;
  return {
    name: String(first(t.name, t.test, lastSegment(t.unique_id), 'test')),
    status,
    failures,
    severity: first(t.severity, t.config?.severity, null),
    message: first(t.message, null),
  };
}

const isTestResult = (r) =>
  r.resource_type === 'test' || (typeof r.unique_id === 'string' && r.unique_id.startsWith('test.'));

function normaliseNodes(raw) {
  const results = asArray(first(raw.results, raw.nodes, raw.models, []));
  const nodes = results
    .filter((r) => !isTestResult(r))
    .map((r) => ({
      name: String(first(r.name, r.model, r.node, lastSegment(r.unique_id), 'unknown')),
      layer: first(r.layer, r.config?.layer, null),
      status: normaliseStatus(r.status),
      message: first(r.message, r.error, null),
      failed_ancestor: first(r.failed_ancestor, null),
      rows: num(first(r.rows, r.rows_affected, r.adapter_response?.rows_affected)),
      tests: asArray(first(r.tests, r.data_tests, [])).map(normaliseTest),
    }));
  // Tests reported as their own results attach to the node they test.
  for (const r of results.filter(isTestResult)) {
    const target = first(r.attached_node, r.node, r.model, r.depends_on?.nodes?.[0]);
    const node = nodes.find((n) => n.name === lastSegment(target) || n.name === target);
    if (node) node.tests.push(normaliseTest(r));
  }
  return nodes.sort((a, b) => a.name.localeCompare(b.name));
}

/** `by_reason` as a {reason: count} map or a list of {reason_code|reason, rows|count}. */
function normaliseReasons(byReason) {
  if (!byReason) return [];
  const entries = Array.isArray(byReason)
    ? byReason.map((r) => [first(r.reason_code, r.reason, r.code, r.name), first(r.rows, r.count, r.n)])
    : Object.entries(byReason).map(([reason, v]) => [
        reason,
        typeof v === 'object' ? first(v.rows, v.count) : v,
      ]);
  return entries
    .map(([reason, rows]) => ({ reason: String(reason), rows: num(rows) }))
    .sort((a, b) => a.reason.localeCompare(b.reason));
}

/**
 * `rows_left_out`: rows a source left out on purpose (a mapping's `leave_out` rule, a preset's drafts …),
 * per file or vendor table and reason. Null when the file does not say (written before Pulse recorded
 * them): unknown, not none.
 */
function normaliseLeftOut(leftOut) {
  if (!Array.isArray(leftOut)) return null;
  return leftOut.map((r) => ({
    file: typeof r.file === 'string' ? r.file : null,
    vendor_table: typeof r.vendor_table === 'string' ? r.vendor_table : null,
    reason: String(first(r.reason, 'left out')),
    rows: num(r.rows),
  }));
}

function normaliseSources(raw) {
  const ingestion = first(raw.sources, raw.ingestion, raw.ingest?.sources, raw.ingest, []);
  return asArray(ingestion)
    .map((s) => {
      return {
        name: String(first(s.name, s.source, 'unknown')),
        status: s.status === undefined ? null : normaliseStatus(s.status),
        rows_read: num(s.rows_read),
        rows_loaded: num(s.rows_loaded),
        rows_quarantined: num(s.rows_quarantined),
        by_reason: normaliseReasons(first(s.by_reason, s.quarantined_by_reason, s.quarantine)),
        rows_left_out: normaliseLeftOut(s.rows_left_out),
        latest_record_at: first(
          s.latest_record_at,
          s.max_timestamp,
          s.latest_at,
          s.max_loaded_at,
          s.freshness?.latest,
          s.freshness?.max,
          null,
        ),
        files: Array.isArray(s.files) ? s.files.length : num(first(s.files, s.file_count)),
        examples: (Array.isArray(s.examples) ? s.examples : []).map((e) => ({
          file: String(e.file),
          line: num(e.line),
          reason_code: String(first(e.reason_code, e.reason)),
          reason: first(e.reason, null),
        })),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function normaliseRunResults(raw) {
  if (!raw) return null;
  const meta = raw.metadata ?? {};
  return {
    run_id: first(raw.run_id, meta.run_id, meta.invocation_id, raw.invocation_id, null),
    as_of: first(raw.as_of, meta.as_of, raw.vars?.as_of, raw.vars?.asOf, raw.args?.as_of, null),
    generated_at: first(meta.generated_at, raw.generated_at, raw.finished_at, null),
    currency: first(
      raw.reporting_currency,
      meta.reporting_currency,
      raw.vars?.reporting_currency,
      raw.vars?.reportingCurrency,
      null,
    ),
    // The cap on account pages the build used (config account_pages_max), for the Accounts page's note.
    account_pages_max: num(first(raw.vars?.accountPagesMax, raw.vars?.account_pages_max, null)),
    // Config min_group_size (absent: off): the site suppresses cells of smaller groups (small-groups.js).
    min_group_size: num(first(raw.vars?.minGroupSize, raw.vars?.min_group_size, null)),
    status: raw.status === undefined ? null : normaliseStatus(raw.status),
    nodes: normaliseNodes(raw),
    sources: normaliseSources(raw),
    targets: normaliseTargets(raw.targets),
    digest: normaliseDigest(raw.digest),
  };
}

const TARGET_STATUSES = new Set(['met', 'breached', 'no_data', 'error']);

/** Config targets as the build judged them (`targets` of run_results.json); none in older files. */
function normaliseTargets(targets) {
  if (!Array.isArray(targets)) return [];
  return targets
    .filter((t) => t && typeof t.metric === 'string' && t.metric.includes('.'))
    .map((t) => ({
      metric: t.metric,
      mart: t.metric.slice(0, t.metric.indexOf('.')),
      column: t.metric.slice(t.metric.indexOf('.') + 1),
      segment: typeof t.segment === 'string' ? t.segment : 'all',
      operator: t.operator === '>' ? '>' : '<',
      threshold: num(t.threshold),
      month: typeof t.month === 'string' ? t.month : null,
      value: num(t.value),
      status: TARGET_STATUSES.has(t.status) ? t.status : 'error',
      message: typeof t.message === 'string' ? t.message : '',
    }));
}

/** The project's digest in plain words (`digest` of run_results.json, as `pulse digest` prints it). */
function normaliseDigest(digest) {
  if (!digest || typeof digest.markdown !== 'string') return null;
  return { month: typeof digest.month === 'string' ? digest.month : null, markdown: digest.markdown };
}
