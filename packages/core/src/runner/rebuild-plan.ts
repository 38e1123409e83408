import type { ModelGraph } from '../dag/model-graph.js';
import type { CompiledModel } from '../model/compile-model.js';
import type { SourceIngestSummary } from './ingest-step.js';

export interface RebuildPlan {
  /** Models to build, in build order. */
  readonly rebuild: readonly string[];
  /** Models whose relation (and Parquet copy) from the refreshed warehouse is kept. */
  readonly reused: readonly string[];
}

export interface RebuildInputs {
  readonly graph: ModelGraph;
  /** What ingestion did: a source not `reused` changed its raw and quarantine tables. */
  readonly sources: readonly SourceIngestSummary[];
  /** Fingerprints of the models as they were last built into the refreshed warehouse. */
  readonly previous: ReadonlyMap<string, string>;
  /** Fingerprints now. */
  readonly current: ReadonlyMap<string, string>;
  /** False when the model's relation or Parquet copy is missing and must be rebuilt whatever changed. */
  readonly isAvailable: (name: string) => boolean;
}

/**
 * A model is rebuilt when its fingerprint changed (its SQL, a var it binds such as as_of, its contract or
 * tests), when it reads a source whose rows changed, or when a model it depends on is rebuilt; otherwise
 * the relation built last time is exactly what a full build would produce, and is kept.
 */
export function planRebuild(inputs: RebuildInputs): RebuildPlan {
  const changed = inputs.sources
    .filter((source) => source.mode !== 'reused')
    .flatMap((source) => [`raw.${source.name}`, `quarantine.${source.name}`]);
  const rebuild = new Set<string>();
  for (const compiled of inputs.graph.ordered) {
    const name = compiled.model.name;
    const stale =
      !inputs.isAvailable(name) ||
      inputs.previous.get(name) !== inputs.current.get(name) ||
      changed.some((relation) => reads(compiled, relation)) ||
      compiled.dependsOn.some((dependency) => rebuild.has(dependency));
    if (stale) rebuild.add(name);
  }
  const names = inputs.graph.names;
  return {
    rebuild: names.filter((name) => rebuild.has(name)),
    reused: names.filter((name) => !rebuild.has(name)),
  };
}

/**
 * The plugin records every qualified relation a query builder mentions; the text search also catches a
 * relation written inside a `sql` template string.
 */
function reads(compiled: CompiledModel, relation: string): boolean {
  if (compiled.externalReads.includes(relation)) return true;
  const [schema, table] = relation.split('.') as [string, string];
  return new RegExp(`(^|[^\\w"])"?${schema}"?\\s*\\.\\s*"?${table}"?($|[^\\w"])`).test(compiled.query.sql);
}
