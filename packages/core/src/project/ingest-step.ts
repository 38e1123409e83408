import type { DataFolder } from '../ingest/data-folder.js';
import type { IngestBaseline, SourceIngestMode } from '../ingest/ingest-baseline.js';
import type { PresetDefinition } from '../ingest/preset-definition.js';
import type { SourceDefinition } from '../ingest/source-definition.js';
import type { Warehouse } from '../warehouse/warehouse.js';

/**
 * What ingestion did with one source; recorded in run_results.json so nothing is lost silently.
 * Structurally a subset of ingestion's `SourceIngestReport`, so an `IngestReport` is an `IngestOutcome`.
 */
export interface SourceIngestSummary {
  readonly name: string;
  /** False when the data folder held no export for this (optional) source. */
  readonly present?: boolean;
  /** The source's files, relative to the data folder. */
  readonly files: readonly string[];
  /** Files this run read (default: all of `files`); a refresh reads only new and changed ones. */
  readonly filesRead?: readonly string[];
  /**
   * Files ingested before whose rows this run dropped (changed or gone), when it kept the others'
   * (`appended`): the models reading the source rebuild what those rows fed.
   */
  readonly filesDropped?: readonly string[];
  /**
   * `reused`: the warehouse's rows of this source were kept as they were; `appended`: only new and
   * changed files were read. Absent means `full`: every file was read (the models reading it rebuild).
   */
  readonly mode?: SourceIngestMode;
  readonly rowsRead: number;
  readonly rowsLoaded: number;
  readonly rowsQuarantined: number;
  /** Quarantined rows per reason code (`wrong_type`, `orphan_account`, …). */
  readonly quarantineByReason: Readonly<Record<string, number>>;
}

export interface IngestOutcome {
  readonly sources: readonly SourceIngestSummary[];
  /** Human summary printed after ingestion (counts per source and reason, first examples). */
  readonly summary?: string;
}

export interface IngestStepArgs {
  readonly warehouse: Warehouse;
  readonly dataDir: string;
  readonly sources: readonly SourceDefinition[];
  /** The project's presets (ProjectDefinition.presets): the config may feed sources from vendor tables. */
  readonly presets?: readonly PresetDefinition[];
  /** The validated project config. */
  readonly config: unknown;
  readonly onProgress?: (message: string) => void;
  readonly onWarning?: (message: string) => void;
  /** Set by `pulse refresh`: the warehouse already holds these files' rows (an ingest step may ignore it). */
  readonly baseline?: IngestBaseline;
  /**
   * The data folder as the build listed it when recording its files (`dataDir` resolved): ingestion reads
   * these files rather than listing the folder again (an ingest step may ignore it).
   */
  readonly folder?: DataFolder;
  /**
   * The warehouse is a staged copy that is thrown away when the step throws (`pulse build` and `pulse
   * refresh` always ingest into one): the step need not undo its own writes on an error.
   */
  readonly staged?: boolean;
}

/**
 * Loads the raw sources into schema `raw` of the new warehouse. Throws (e.g. `IngestFileError`) on a
 * file error: the build then stops and the published warehouse stays untouched.
 */
export type IngestStep = (args: IngestStepArgs) => Promise<IngestOutcome>;
