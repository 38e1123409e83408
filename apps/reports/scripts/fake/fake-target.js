// Fake target/run_results.json and target/manifest.json, in the dbt-like shape we expect from
// `pulse build`. The site reads both through tolerant normalisers (scripts/lib/run-results.js,
// scripts/lib/manifest.js), so these only need to be plausible, not the final contract.
import { MART_SCHEMA } from '../lib/mart-schema.js';

const SOURCES = ['accounts', 'subscriptions', 'invoices', 'events', 'tickets', 'survey_responses', 'spend'];

/** @param {{asOf: string, runId: string, failing?: string[], skipped?: string[]}} options */
export function runResults({ asOf, runId, failing = [], skipped = [] }) {
  const node = (name, layer) => {
    const status = skipped.includes(name) ? 'skipped' : failing.includes(name) ? 'error' : 'success';
    const failedTest = failing.includes(name) && status !== 'skipped';
    return {
      unique_id: `model.pulse.${name}`,
      name,
      layer,
      status,
      execution_time: 0.1,
      rows: 100,
      tests:
        status === 'skipped'
          ? []
          : [
              { name: `${name}_unique_key`, status: 'pass', failures: 0, severity: 'error' },
              {
                name: `${name}_not_null`,
                status: failedTest ? 'fail' : 'pass',
                failures: failedTest ? 3 : 0,
                severity: 'error',
              },
            ],
    };
  };
  return {
    metadata: {
      run_id: runId,
      generated_at: `${asOf}T23:00:00Z`,
      pulse_version: '0.1.0',
      reporting_currency: 'USD',
    },
    as_of: asOf,
    results: [
      ...SOURCES.map((s) => node(`stg_${s}`, 'staging')),
      ...Object.keys(MART_SCHEMA).map((m) => node(m, 'marts')),
    ],
    sources: SOURCES.map((name, i) => ({
      name,
      rows_read: 1000 + i * 250,
      rows_loaded: 1000 + i * 250 - (i % 3) * 4,
      rows_quarantined: (i % 3) * 4,
      by_reason: i % 3 === 0 ? {} : i % 3 === 1 ? { wrong_type: 3, orphan_account: 1 } : { duplicate_id: 8 },
      latest_record_at: `${asOf}T${String(10 + i).padStart(2, '0')}:00:00Z`,
    })),
  };
}

export function manifest() {
  return {
    metadata: { pulse_version: '0.1.0' },
    models: Object.entries(MART_SCHEMA).map(([name, columns]) => ({
      name,
      layer: 'marts',
      description: `Fake description of ${name} for site development.`,
      columns: columns.map(([column, type]) => ({
        name: column,
        type,
        description: `What ${column} of ${name} means (fake).`,
      })),
    })),
  };
}
