// What the "mapped layout" row measured (bench/mapping-overhead.ts), saved in bench/results/<scale>.json
// under `mapping`: the same data built from the canonical layout and from a vendor layout read through
// `sources` in pulse.config.json, run by run back to back.
import type { Figure } from './scale-result.js';

export interface LayoutFigures {
  /** The build's ingestion: run start to the first model (run_results.json), as for the main build. */
  readonly ingestSeconds: Figure;
  /** CPU seconds of the same phase (bench/process-cpu.ts): far less moved by the machine's other load. */
  readonly ingestCpuSeconds: Figure;
  readonly buildSeconds: Figure;
  /** User + system CPU of the whole build: the load of other processes moves it much less than wall time. */
  readonly buildCpuSeconds: Figure;
  /** Per-source ingest time of events (the build's progress lines): where mapping costs show first. */
  readonly eventsSeconds: Figure;
}

export interface MappingResult {
  readonly measuredAt: string;
  readonly revision: string;
  readonly loadAverage: readonly number[];
  readonly runs: number;
  readonly command: string;
  /** How to write the vendor copy by hand (it is rewritten by every run of the bench). */
  readonly writeCommand: string;
  readonly vendorWriteSeconds: number;
  readonly vendorMb: number;
  readonly canonical: LayoutFigures;
  readonly mapped: LayoutFigures;
  /** mapped / canonical − 1 of the ingestion medians, in %. */
  readonly overheadPercent: number;
  /** The same within each run (the two builds of a run measured back to back). */
  readonly perRunOverheadPercent: readonly number[];
  /** mapped / canonical − 1 of the ingestion CPU medians, in %. */
  readonly cpuOverheadPercent: number;
  /** mapped / canonical − 1 of the whole build's CPU medians, in %: the models read equal raw tables. */
  readonly buildCpuOverheadPercent: number;
  /** The marts of the two builds of every run compared by DuckDB (bench/same-marts.ts): all equal. */
  readonly marts: { readonly marts: number; readonly rows: number };
  /** The `sources` block of pulse.config.json that read the vendor layout. */
  readonly sources: Record<string, unknown>;
}

/** The target: mapping costs at most this share of ingestion at M. */
export const MAPPING_TARGET_PERCENT = 10;
