// What one `npm run bench -- --scale X` measured, saved as bench/results/<scale>.json so BENCHMARKS.md
// can show every scale measured so far (and the chart can draw cost against scale).

import type { Comparison } from './compare-marts.js';
import type { Machine } from './machine.js';
import type { MappingResult } from './mapping-result.js';
import type { ColumnDifference } from './mart-bytes.js';
import type { ModelTiming, SourceRate } from './pulse-build.js';
import type { PageWeight } from './site.js';

export interface Figure {
  readonly median: number;
  readonly runs: readonly number[];
}

export interface ScaleResult {
  readonly scale: string;
  readonly measuredAt: string;
  readonly revision?: string;
  readonly uncommittedFiles?: readonly string[];
  readonly machine: Machine;
  readonly runs: number;
  readonly commands: Record<string, string>;
  readonly dataset: {
    readonly accounts: number;
    readonly events: number;
    readonly subscriptions: number;
    readonly mb: number;
  };
  readonly build: {
    readonly seconds: Figure;
    readonly peakRssMb: Figure;
    readonly ingestSeconds: Figure;
    readonly modelsSeconds: Figure;
    readonly sources: readonly SourceRate[];
    readonly slowestModels: readonly ModelTiming[];
  };
  readonly floor: { readonly seconds: Figure; readonly peakRssMb: Figure };
  readonly arquero: {
    readonly status: 'ok' | 'oom' | 'failed' | 'skipped';
    readonly seconds?: Figure;
    readonly peakRssMb?: Figure;
    readonly computeSeconds?: Figure;
    readonly checks?: readonly Comparison[];
    /** Pulse building only the three marts Arquero computes, from the same four files. */
    readonly pulseSameWork?: { readonly seconds: Figure; readonly peakRssMb: Figure };
    readonly note?: string;
  };
  readonly refresh:
    | { readonly status: 'not available' | 'skipped' }
    | {
        readonly status: 'ok';
        readonly oneDaySeconds: Figure;
        readonly noopSeconds: Figure;
        readonly oneDayPeakRssMb: Figure;
        readonly oneDayOutput: string;
        readonly noopOutput: string;
        /** Accounts the new day signs up (bench/refresh.ts); absent in results measured before signups. */
        readonly signups?: number;
      };
  readonly site: { readonly seconds: Figure; readonly pages: readonly PageWeight[] } | null;
  /** The canonical layout against a mapped vendor layout (absent: not measured, or --skip-mapping). */
  readonly mapping?: MappingResult;
  /** The marts of every build compared with the first build's, byte for byte (absent: skipped). */
  readonly reproducibility?: Reproducibility;
}

export interface Reproducibility {
  /** Builds whose marts were compared (the first included). */
  readonly builds: number;
  /** Every compared build wrote the same Parquet bytes as the first. */
  readonly identical: boolean;
  readonly differingFiles: readonly string[];
  /** Where values differ: per mart and column, how many and by how much (first 20). */
  readonly differingColumns: readonly ColumnDifference[];
  /** The time of the build made only for this check (with --runs 1), seconds. */
  readonly extraBuildSeconds?: number;
}
