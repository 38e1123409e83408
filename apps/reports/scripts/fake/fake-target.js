// Fake target/run_results.json and target/manifest.json following packages/core's v1 artifact
// schemas (packages/core/schemas/*.v1.json); the browser tests validate them against those schemas,
// so a schema change shows up here. The site still reads both through tolerant normalisers.
import { MART_SCHEMA } from '../lib/mart-schema.js';

const SOURCES = ['accounts', 'subscriptions', 'invoices', 'events', 'tickets', 'survey_responses', 'spend'];
const STAGING = SOURCES.map((s) => `stg_${s}`);

function metadata(kind, { runId, asOf }) {
  return {
    pulse_schema_version: `urn:pulse:${kind}:v1`,
    pulse_version: '0.1.0',
    duckdb_version: 'v1.5.0',
    node_version: 'v20.19.0',
    generated_at: `${asOf}T23:00:00.000Z`,
    invocation_id: runId,
    project: 'pulse-fake',
  };
}

function test(name, failing) {
  return {
    name,
    kind: 'not_null',
    severity: 'error',
    status: failing ? 'fail' : 'pass',
    failures: failing ? 3 : 0,
    failing_rows: failing ? [{ month: '2025-01-01' }] : [],
    message: failing ? '3 rows with a NULL value' : null,
    execution_time: 0.01,
  };
}

function node(name, layer, { asOf, failing, skipped }) {
  const status = skipped.includes(name) ? 'skipped' : failing.includes(name) ? 'error' : 'success';
  const at = `${asOf}T23:00:00.000Z`;
  return {
    unique_id: `model.${name}`,
    name,
    relation_name: `${layer}.${name}`,
    layer,
    materialized: 'table',
    status,
    started_at: status === 'skipped' ? null : at,
    completed_at: status === 'skipped' ? null : at,
    execution_time: 0.1,
    rows: status === 'skipped' ? null : 100,
    message:
      status === 'error'
        ? `not_null_${name} failed with 3 rows`
        : status === 'skipped'
          ? 'skipped: an upstream model failed'
          : null,
    failed_ancestor: status === 'skipped' ? 'stg_accounts' : null,
    export_path: layer === 'marts' ? `data/marts/${name}.parquet` : null,
    tests:
      status === 'skipped'
        ? []
        : [test(`unique_${name}`, false), test(`not_null_${name}`, status === 'error')],
  };
}

/** @param {{asOf: string, runId: string, failing?: string[], skipped?: string[]}} options */
export function runResults({ asOf, runId, failing = [], skipped = [] }) {
  const options = { asOf, failing, skipped };
  const results = [
    ...STAGING.map((n) => node(n, 'staging', options)),
    ...Object.keys(MART_SCHEMA).map((m) => node(m, 'marts', options)),
  ];
  return {
    metadata: metadata('run-results', { runId, asOf }),
    args: {
      command: 'build',
      select: null,
      strict: false,
      data_dir: 'data/raw',
      warehouse: 'data/warehouse.duckdb',
      config_file: null,
    },
    status: results.some((r) => r.status !== 'success') ? 'error' : 'success',
    as_of: asOf,
    vars: { as_of: asOf, reporting_currency: 'USD', gross_margin: 0.8 },
    started_at: `${asOf}T22:59:00.000Z`,
    finished_at: `${asOf}T23:00:00.000Z`,
    elapsed_time: 60,
    sources: SOURCES.map((name, i) => {
      const byReason =
        i % 3 === 0 ? {} : i % 3 === 1 ? { orphan_account: 1, wrong_type: 3 } : { duplicate_id: 8 };
      const quarantined = Object.values(byReason).reduce((a, b) => a + b, 0);
      return {
        name,
        files: [`${name}.csv`],
        rows_read: 1000 + i * 250,
        rows_loaded: 1000 + i * 250 - quarantined,
        rows_quarantined: quarantined,
        by_reason: byReason,
      };
    }),
    results,
  };
}

/** @param {{asOf: string, runId: string}} options */
export function manifest({ asOf, runId }) {
  const model = (name, layer, columns, dependsOn) => ({
    unique_id: `model.${name}`,
    resource_type: 'model',
    name,
    layer,
    relation_name: `${layer}.${name}`,
    materialized: 'table',
    description: `Fake description of ${name} for site development.`,
    grain: columns.slice(0, 2).map(([c]) => c),
    unique_key: [],
    depends_on: { nodes: dependsOn.map((d) => `model.${d}`) },
    columns: columns.map(([column, type]) => ({
      name: column,
      data_type: type,
      nullable: true,
      description: `What ${column} of ${name} means (fake).`,
    })),
    tests: [],
    exported: layer === 'marts',
  });
  const nodes = [
    ...STAGING.map((n) => model(n, 'staging', [['account_id', 'VARCHAR']], [])),
    ...Object.entries(MART_SCHEMA).map(([name, columns]) => model(name, 'marts', columns, ['stg_accounts'])),
  ];
  return {
    metadata: metadata('manifest', { runId, asOf }),
    nodes: Object.fromEntries(nodes.map((n) => [n.unique_id, n])),
    sources: SOURCES.map((name) => ({
      unique_id: `source.${name}`,
      name,
      required: name === 'accounts' || name === 'subscriptions',
      description: `The ${name} export (fake).`,
    })),
  };
}
