import type { SourceIngestMode } from './ingest-baseline.js';
import type { LeftOutRows } from './left-out-rows.js';

/** What ingestion did, per source: enough for the CLI summary, `--strict` and the nothing-lost check. */
export interface IngestReport {
  readonly dataDir: string;
  /** In ingestion order. */
  readonly sources: readonly SourceIngestReport[];
}

export interface SourceIngestReport {
  readonly name: string;
  /** False when neither `<name>.<ext>` nor `<name>/` exists (an optional source: empty tables). */
  readonly present: boolean;
  /** The source's files, relative to the data folder, in file order (a table source: its table). */
  readonly files: readonly string[];
  /** Set for a source read from a PostgreSQL table (`sources.<source>.table`): that table. */
  readonly table?: string;
  /** The files this run read: all of them, or only the new and changed ones of a refresh. */
  readonly filesRead: readonly string[];
  /** Files ingested before whose rows this refresh dropped, keeping the others' (appended mode only). */
  readonly filesDropped?: readonly string[];
  /** Whether the rows of unchanged files were kept from the warehouse refreshed (see IngestBaseline). */
  readonly mode: SourceIngestMode;
  /** Records found in the files (a blank line is not a record). */
  readonly rowsRead: number;
  /** Rows in `raw.<name>`. */
  readonly rowsLoaded: number;
  /** Rows in `quarantine.<name>`. */
  readonly rowsQuarantined: number;
  /** Quarantined rows per reason code. */
  readonly quarantineByReason: Readonly<Record<string, number>>;
  /** The first quarantined rows in file order (at most EXAMPLES_PER_SOURCE). */
  readonly examples: readonly QuarantineExample[];
  /**
   * The newest value of the source's first date, timestamp or month column in `raw.<name>` (as `pulse
   * status` dates a source), ISO 8601 UTC; null without rows or without such a column.
   */
  readonly latestRecordAt: string | null;
  readonly warnings: readonly string[];
  /**
   * Rows left out on purpose, outside `rowsRead`: a `leave_out` rule's per file and reason, a preset
   * derivation's per vendor table and reason (Stripe's drafts), so nothing is dropped without a count.
   * Those of the files a refresh kept are counted too, as a full build of the same files counts them.
   */
  readonly leftOut: readonly LeftOutRows[];
  /** `leftOut` as the summary says it ("invoice: 1 row left out as drafts"); absent when none. */
  readonly notes?: readonly string[];
}

export interface QuarantineExample {
  readonly file: string;
  readonly line: number;
  readonly column: string | null;
  readonly reasonCode: string;
  readonly reason: string;
}

export const EXAMPLES_PER_SOURCE = 5;

/** The nothing-lost invariant: every record read is either loaded or quarantined. */
export function nothingLost(source: SourceIngestReport): boolean {
  return source.rowsRead === source.rowsLoaded + source.rowsQuarantined;
}

export function totalQuarantined(report: IngestReport): number {
  return report.sources.reduce((sum, source) => sum + source.rowsQuarantined, 0);
}
