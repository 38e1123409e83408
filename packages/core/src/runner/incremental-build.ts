import { existsSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import type { ModelGraph } from '../dag/model-graph.js';
import type { IngestBaseline } from '../ingest/ingest-baseline.js';
import { schemaOf } from '../model/compile-model.js';
import type { Layer } from '../model/model-definition.js';
import { modelFingerprint } from '../model/model-fingerprint.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import { exportPathOf } from './export-parquet.js';
import type { IngestOutcome } from './ingest-step.js';
import { readModelFingerprints } from './model-fingerprints.js';
import { planRebuild, type RebuildPlan } from './rebuild-plan.js';
import type { RunResult } from './run-result.js';

/** Set by `pulse refresh`: build on a copy of the published warehouse, rebuilding only what changed. */
export interface IncrementalBuild {
  readonly baseline: IngestBaseline;
  /** The published Parquet folder: copies of the reused exported models are carried over from it. */
  readonly publishedExportDir: string;
}

export function fingerprintsOf(graph: ModelGraph): Map<string, string> {
  return new Map(graph.ordered.map((compiled) => [compiled.model.name, modelFingerprint(compiled)]));
}

/** Which models of the staged copy must be rebuilt after an incremental ingestion. */
export async function planIncremental(
  warehouse: Warehouse,
  graph: ModelGraph,
  outcome: IngestOutcome,
  incremental: IncrementalBuild,
  exportLayers: ReadonlySet<Layer>,
): Promise<RebuildPlan> {
  const relations = new Set(
    (
      await warehouse.query<{ name: string }>(
        `select table_schema || '.' || table_name as name from information_schema.tables`,
      )
    ).map((row) => row.name),
  );
  return planRebuild({
    graph,
    sources: outcome.sources,
    previous: await readModelFingerprints(warehouse),
    current: fingerprintsOf(graph),
    isAvailable: (name) => {
      const model = graph.get(name).model;
      if (!relations.has(`${schemaOf(model)}.${name}`)) return false;
      return (
        !exportLayers.has(model.layer) || existsSync(exportPathOf(incremental.publishedExportDir, model))
      );
    },
  });
}

/** Copies the Parquet files of reused exported models into the staged export folder. */
export async function carryOverExports(
  graph: ModelGraph,
  reused: readonly string[],
  from: string,
  to: string,
  exportLayers: ReadonlySet<Layer>,
): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const name of reused) {
    const model = graph.get(name).model;
    if (exportLayers.has(model.layer)) await copyFile(exportPathOf(from, model), exportPathOf(to, model));
  }
}

/**
 * The fingerprints to record with the published warehouse: a model built now successfully gets its new
 * fingerprint; a model not built keeps the one its relation was built with; a failed or skipped model
 * gets none, so the next refresh rebuilds it.
 */
export function fingerprintsAfter(
  graph: ModelGraph,
  run: RunResult,
  previous: ReadonlyMap<string, string>,
): Map<string, string> {
  const current = fingerprintsOf(graph);
  const built = new Map(run.nodes.map((node) => [node.name, node.status]));
  const out = new Map<string, string>();
  for (const name of graph.names) {
    const status = built.get(name);
    const fingerprint = status === undefined ? previous.get(name) : current.get(name);
    if (fingerprint !== undefined && (status === undefined || status === 'success'))
      out.set(name, fingerprint);
  }
  return out;
}
