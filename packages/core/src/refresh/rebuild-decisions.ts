import type { NodeStatus } from '../artifacts/run-result.js';
import type { IngestBaseline } from '../ingest/ingest-baseline.js';
import type { IngestOutcome } from '../project/ingest-step.js';

/**
 * The decisions of a refresh, as pure functions of facts the executor (rebuild-decider.ts) gathers from the
 * warehouse and the files: what can be decided without DuckDB is decided, and tested, here.
 */

/** What changed in a source or a model since the published build: these files or partitions, or everything. */
export type Changed = readonly string[] | 'all';

/** What a refresh knows about one model before deciding. */
export interface ModelFacts {
  /** The model's fingerprints when the published warehouse was built; undefined when it was not built then. */
  readonly before: { readonly codeFingerprint: string; readonly fingerprint: string } | undefined;
  /** Its relation is in the staged copy and, for an exported layer, its published Parquet file exists. */
  readonly available: boolean;
  /** Its fingerprints now: of the code alone, and of the code with the values it reads. */
  readonly codeFingerprint: string;
  readonly fingerprint: string;
  readonly readsChangedSource: boolean;
  readonly dependsOnChangedModel: boolean;
  /** It declares `partitionBy`: it can say which partitions changed. */
  readonly partitioned: boolean;
  /**
   * A model it reads was rebuilt with other rows because code changed (its own, or that of a model
   * upstream of it). A `partitionBy.changed` reasons about what data changes do to its rows (a new file,
   * a moved as_of); a rewritten model upstream may change any row.
   */
  readonly upstreamCodeChanged: boolean;
}

/** Its relation was built by other code (or is missing), or code upstream of it changed its inputs. */
export function builtByOtherCode(facts: ModelFacts): boolean {
  const { before } = facts;
  const sameCode =
    before !== undefined && facts.available && before.codeFingerprint === facts.codeFingerprint;
  return !sameCode || facts.upstreamCodeChanged;
}

/** `ask-partitions`: stale, but the code is unchanged and it is partitioned: ask it which partitions changed. */
export type FirstDecision =
  | { readonly kind: 'keep' }
  | { readonly kind: 'full' }
  | { readonly kind: 'ask-partitions' };

/**
 * A model is kept when its fingerprint is unchanged and nothing it reads changed. A stale `partitionBy`
 * model may rebuild only some partitions when neither its code nor code upstream of it changed;
 * everything else is rebuilt whole.
 */
export function decideModel(facts: ModelFacts): FirstDecision {
  const { before } = facts;
  const sameCode =
    before !== undefined && facts.available && before.codeFingerprint === facts.codeFingerprint;
  const stale =
    !sameCode ||
    before.fingerprint !== facts.fingerprint ||
    facts.readsChangedSource ||
    facts.dependsOnChangedModel;
  if (!stale) return { kind: 'keep' };
  if (builtByOtherCode(facts) || !facts.partitioned) return { kind: 'full' };
  return { kind: 'ask-partitions' };
}

/** What the partitions a model said changed mean: all of them → rebuild whole, none → keep it. */
export function decidePartitions(
  partitions: Changed,
):
  | { readonly kind: 'keep' }
  | { readonly kind: 'full' }
  | { readonly kind: 'partitions'; readonly partitions: readonly string[] } {
  if (partitions === 'all') return { kind: 'full' };
  if (partitions.length === 0) return { kind: 'keep' };
  return { kind: 'partitions', partitions };
}

/**
 * What a built model changed for the models downstream: a failed one everything; a partial rebuild its
 * partitions; a whole rebuild everything unless its rows hash the same as before (undefined: unchanged, e.g.
 * stg_accounts after as_of moved stops there).
 */
export function changedByBuild(
  status: NodeStatus,
  decision: { readonly kind: string; readonly partitions?: readonly string[] },
  contentHashBefore: string | null | undefined,
  contentHashNow: string | null | undefined,
): Changed | undefined {
  if (status !== 'success') return 'all';
  if (decision.kind === 'partitions' && decision.partitions) return decision.partitions;
  const same =
    contentHashNow !== null && contentHashNow !== undefined && contentHashBefore === contentHashNow;
  return same ? undefined : 'all';
}

/** Per source not reused by ingestion: the files whose rows changed, or `all` when it was read whole. */
export function changedSourcesOf(outcome: IngestOutcome, baseline: IngestBaseline): Map<string, Changed> {
  const changed = new Map<string, Changed>();
  for (const source of outcome.sources) {
    if (source.mode === 'reused') continue;
    if (source.mode !== 'appended') {
      changed.set(source.name, 'all');
      continue;
    }
    // As ingestion found them; by the baseline's record of each file's source for an ingestion that does
    // not say (which names a configured path's files by their folder, not by the source they feed).
    const gone =
      source.filesDropped ??
      baseline.files
        .filter((file) => file.source === source.name && !baseline.unchanged.has(file.path))
        .map((file) => file.path);
    changed.set(source.name, [...new Set([...(source.filesRead ?? []), ...gone])].sort());
  }
  return changed;
}
