import { describe, expect, it } from 'vitest';
import { normaliseRunResults } from '../scripts/lib/run-results.js';
import { leftOutRows, sourceRows } from '../src/components/quality.js';

const source = (name, extra) => ({
  name,
  files: [],
  rows_read: 4,
  rows_loaded: 4,
  rows_quarantined: 0,
  by_reason: {},
  ...extra,
});

describe('rows left out on purpose (rows_left_out of run_results.json)', () => {
  const run = normaliseRunResults({
    sources: [
      // A Stripe derivation's: per vendor table, in the preset's own words, one reason over two tables.
      source('invoices', {
        rows_left_out: [
          { file: null, vendor_table: 'invoice', reason: 'left out as drafts', rows: 2 },
          { file: null, vendor_table: 'invoice', reason: 'left out as test mode (livemode false)', rows: 1 },
          {
            file: null,
            vendor_table: 'credit_note',
            reason: 'left out as test mode (livemode false)',
            rows: 1200,
          },
        ],
      }),
      source('accounts', { rows_left_out: [] }),
      // Written before Pulse recorded them: unknown, not none.
      source('events', {}),
    ],
  });

  it('the sources table sums them per reason, in plain words, and says an older file does not tell', () => {
    const rows = sourceRows(run, null).map(({ source, rows_left_out, left_out }) => ({
      source,
      rows_left_out,
      left_out,
    }));
    expect(rows).toEqual([
      { source: 'accounts', rows_left_out: 0, left_out: null },
      { source: 'events', rows_left_out: null, left_out: null },
      {
        source: 'invoices',
        rows_left_out: 1203,
        left_out: '2 rows left out as drafts; 1,201 rows left out as test mode (livemode false)',
      },
    ]);
  });

  it('the per-file table names the vendor table when no file is known', () => {
    expect(leftOutRows(run).map((r) => [r.source, r.file, r.rows])).toEqual([
      ['invoices', 'invoice', 2],
      ['invoices', 'invoice', 1],
      ['invoices', 'credit_note', 1200],
    ]);
  });
});
