import type { PresetRowsIgnored } from './preset-rows-ignored.js';

/**
 * Rows of a source left out on purpose: neither loaded nor quarantined, so outside its rows read. A
 * `leave_out` rule counts them per file (rows-left-out.ts), a preset's derivation per vendor table
 * (preset-rows-ignored.ts); the ingestion summary, run_results.json and the report site all say them from
 * these counts, so nothing is dropped without a word anywhere the counts are read.
 */
export interface LeftOutRows {
  /** Relative to the data folder; null when only the vendor table is known (a preset's derivation). */
  readonly file: string | null;
  /** The preset's vendor table the rows are of (Stripe's `invoice`); null for a `leave_out` rule. */
  readonly vendorTable: string | null;
  /** Read after the count: "left out as deleted (status deleted)", "starting after their subscription ended". */
  readonly reason: string;
  readonly rows: number;
}

/** The counts of a source's `leave_out` rules, their reason as `leftOutReason` words it. */
export function leftOutByRules(
  counts: readonly { readonly file: string; readonly reason: string; readonly rows: number }[],
): LeftOutRows[] {
  return counts.map(({ file, reason, rows }) => ({
    file,
    vendorTable: null,
    reason: `left out as ${reason}`,
    rows,
  }));
}

/** The vendor rows a preset's derivation gave no canonical row, their reason as the preset words it. */
export function leftOutByPreset(counts: readonly PresetRowsIgnored[]): LeftOutRows[] {
  return counts.map(({ vendorTable, reason, rows }) => ({ file: null, vendorTable, reason, rows }));
}

/** "zendesk/ticket.csv: 2 rows left out as deleted (status deleted)", "invoice: 1 row left out as drafts". */
export function leftOutNote({ file, vendorTable, reason, rows }: LeftOutRows): string {
  return `${file ?? vendorTable}: ${rows.toLocaleString('en-US')} ${rows === 1 ? 'row' : 'rows'} ${reason}`;
}
