import type { RunResult } from '../artifacts/run-result.js';
import type { IngestOutcome } from '../project/ingest-step.js';

/**
 * `success`: published; `up_to_date`: nothing changed, nothing rebuilt; `failed`: nothing published;
 * `interrupted`: stopped by SIGTERM or SIGINT before publishing, nothing published.
 */
export type RunStatus = 'success' | 'up_to_date' | 'failed' | 'interrupted';

/** The commands whose runs are recorded. */
export type RunCommand = 'build' | 'refresh';

/** One refresh, as stored in `pulse.runs` and `pulse-runs.jsonl`. */
export interface RunRecord {
  readonly run_id: string;
  /** ISO 8601. */
  readonly started_at: string;
  readonly finished_at: string;
  readonly status: RunStatus;
  /** Which command ran; absent in records of older versions (and in pulse.runs, which only refresh writes). */
  readonly command?: RunCommand;
  /** Files read by ingestion (0 when nothing changed). */
  readonly files_ingested: number;
  /** Rows loaded per source. */
  readonly rows_per_source: Readonly<Record<string, number>>;
  readonly quarantined_rows: number;
  readonly models_built: number;
  /** Models not built: kept from the previous warehouse (inputs unchanged) or skipped after a failure. */
  readonly models_skipped: number;
  readonly tests_failed: number;
  readonly duration_seconds: number;
  /** Why a run failed, or what an up-to-date run compared; null otherwise. */
  readonly message: string | null;
}

export interface RunFacts {
  readonly runId: string;
  readonly startedAt: Date;
  readonly status: RunStatus;
  readonly command?: RunCommand;
  readonly outcome?: IngestOutcome;
  /** The run's models (only their results are read: a run stopped midway has no RunResult). */
  readonly run?: Pick<RunResult, 'nodes'>;
  /** Models kept from the previous warehouse, nothing they depend on having changed. */
  readonly reused?: number;
  readonly message?: string;
}

export function toRunRecord(facts: RunFacts, finishedAt = new Date()): RunRecord {
  const sources = facts.outcome?.sources ?? [];
  const nodes = facts.run?.nodes ?? [];
  return {
    run_id: facts.runId,
    started_at: facts.startedAt.toISOString(),
    finished_at: finishedAt.toISOString(),
    status: facts.status,
    ...(facts.command ? { command: facts.command } : {}),
    files_ingested: sources.reduce((sum, source) => sum + (source.filesRead ?? source.files).length, 0),
    rows_per_source: Object.fromEntries(sources.map((source) => [source.name, source.rowsLoaded])),
    quarantined_rows: sources.reduce((sum, source) => sum + source.rowsQuarantined, 0),
    models_built: nodes.filter((node) => node.status === 'success').length,
    models_skipped: nodes.filter((node) => node.status === 'skipped').length + (facts.reused ?? 0),
    tests_failed: nodes.reduce(
      (sum, node) =>
        sum + node.tests.filter((test) => test.status === 'fail' || test.status === 'error').length,
      0,
    ),
    duration_seconds: (finishedAt.getTime() - facts.startedAt.getTime()) / 1000,
    message: facts.message ?? null,
  };
}

/** Both histories merged by run_id, oldest first. */
export function mergeRuns(...lists: readonly (readonly RunRecord[])[]): RunRecord[] {
  const byId = new Map<string, RunRecord>();
  for (const list of lists) for (const record of list) byId.set(record.run_id, record);
  return [...byId.values()].sort((a, b) => a.started_at.localeCompare(b.started_at));
}
