import { isAbsolute, relative } from 'node:path';
import type { RunDigest } from '../digest/digest-definition.js';
import type { SourceIngestReport } from '../ingest/ingest-report.js';
import { toJsonSafe } from '../json-safe.js';
import type { SourceIngestSummary } from '../project/ingest-step.js';
import { asOfOf } from '../project/vars-as-of.js';
import type { TargetResult } from '../targets/target-result.js';
import type { TestResult } from '../testing/run-data-test.js';
import { artifactMetadata, type RunIdentity } from './artifact-metadata.js';
import type { NodeResult, RunResult } from './run-result.js';
import {
  type NodeResultEntry,
  RUN_RESULTS_SCHEMA_VERSION,
  type RunResultsArtifact,
  runResultsSchema,
} from './run-results-schema.js';

/**
 * An ingest step reports at least a SourceIngestSummary; the kit's ingestion also gives the first
 * quarantined rows, the newest record and the rows left out on purpose, which the report site shows
 * without opening the warehouse.
 */
type SourceSummaryInput = SourceIngestSummary &
  Partial<Pick<SourceIngestReport, 'examples' | 'latestRecordAt' | 'leftOut'>>;

export interface RunResultsInput {
  readonly identity: RunIdentity;
  readonly args: RunResultsArtifact['args'];
  readonly run: RunResult;
  readonly vars: unknown;
  readonly sources: readonly SourceSummaryInput[];
  /** Paths in the artifact are written relative to this folder (the workspace root). */
  readonly root: string;
  /** Config `targets` judged on this run's marts; none for `pulse test`. */
  readonly targets?: readonly TargetResult[];
  /** The project's digest of this run's marts; none for `pulse test` or a project without a digest. */
  readonly digest?: RunDigest | null;
  /** Entries of models a refresh kept as they were, carried over from the run that built them (kept-models.ts). */
  readonly kept?: readonly NodeResultEntry[];
  /** Every model in build order: the order of the built and kept entries together. */
  readonly buildOrder?: readonly string[];
}

/** run_results.json, checked against its schema before anyone can read it. */
export function toRunResults(input: RunResultsInput): RunResultsArtifact {
  const { run, root } = input;
  const vars = toJsonSafe(input.vars);
  const varsRecord = vars && typeof vars === 'object' && !Array.isArray(vars) ? vars : {};
  return runResultsSchema.parse({
    metadata: artifactMetadata(RUN_RESULTS_SCHEMA_VERSION, input.identity),
    args: input.args,
    status: run.success ? 'success' : 'error',
    as_of: asOfOf(varsRecord),
    vars: varsRecord,
    started_at: run.startedAt.toISOString(),
    finished_at: run.completedAt.toISOString(),
    elapsed_time: run.elapsed,
    sources: input.sources.map((source) => ({
      name: source.name,
      files: [...source.files],
      rows_read: source.rowsRead,
      rows_loaded: source.rowsLoaded,
      rows_quarantined: source.rowsQuarantined,
      by_reason: { ...source.quarantineByReason },
      ...(source.examples ? { examples: source.examples.map(exampleEntry) } : {}),
      ...(source.latestRecordAt === undefined ? {} : { latest_record_at: source.latestRecordAt }),
      ...(source.leftOut ? { rows_left_out: source.leftOut.map(leftOutEntry) } : {}),
    })),
    results: inBuildOrder(
      [...run.nodes.map((node) => nodeEntry(node, root)), ...(input.kept ?? [])],
      input.buildOrder,
    ),
    targets: (input.targets ?? []).map((target) => ({ ...target })),
    digest: input.digest ? { month: input.digest.month, markdown: input.digest.markdown } : null,
  });
}

function inBuildOrder<Entry extends { readonly name: string }>(
  entries: readonly Entry[],
  order: readonly string[] | undefined,
): Entry[] {
  if (!order) return [...entries];
  const at = new Map(order.map((name, index) => [name, index]));
  return [...entries].sort((a, b) => (at.get(a.name) ?? order.length) - (at.get(b.name) ?? order.length));
}

function nodeEntry(node: NodeResult, root: string) {
  return {
    unique_id: `model.${node.name}`,
    name: node.name,
    relation_name: node.relation,
    layer: node.layer,
    materialized: node.materialized,
    status: node.status,
    started_at: node.startedAt?.toISOString() ?? null,
    completed_at: node.completedAt?.toISOString() ?? null,
    execution_time: node.executionTime,
    rows: node.rows,
    message: node.message,
    failed_ancestor: node.failedAncestor,
    export_path: node.exportPath ? relativePath(root, node.exportPath) : null,
    tests: node.tests.map(testEntry),
  };
}

function exampleEntry(example: NonNullable<SourceSummaryInput['examples']>[number]) {
  return {
    file: example.file,
    line: example.line,
    column: example.column,
    reason_code: example.reasonCode,
    reason: example.reason,
  };
}

function leftOutEntry(rows: NonNullable<SourceSummaryInput['leftOut']>[number]) {
  return { file: rows.file, vendor_table: rows.vendorTable, reason: rows.reason, rows: rows.rows };
}

function testEntry(test: TestResult) {
  return {
    name: test.name,
    kind: test.kind,
    severity: test.severity,
    status: test.status,
    failures: test.failures,
    failing_rows: test.failingRows,
    message: test.message,
    execution_time: test.executionTime,
  };
}

export function relativePath(root: string, path: string): string {
  const relativeToRoot = relative(root, path);
  return relativeToRoot.startsWith('..') || isAbsolute(relativeToRoot) ? path : relativeToRoot;
}
