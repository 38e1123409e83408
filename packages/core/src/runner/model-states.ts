import type { RunResult } from '../artifacts/run-result.js';
import type { ModelGraph } from '../dag/model-graph.js';
import { relationOf } from '../model/compile-model.js';
import { modelFingerprint } from '../model/model-fingerprint.js';
import type { ModelState } from '../state/pulse-tables.js';
import type { Warehouse } from '../warehouse/warehouse.js';

/**
 * The models' state every DuckDB build records with its warehouse (stored by state/pulse-tables.ts), for a
 * later build's decider to compare with: a model built now successfully gets its new fingerprints and
 * digest; a model not built keeps what its relation was built with; a failed or skipped model gets
 * nothing, so nothing can take it for up to date.
 */
export async function modelStatesAfter(
  warehouse: Warehouse,
  graph: ModelGraph,
  run: RunResult,
  previous: ReadonlyMap<string, ModelState>,
  computed: ReadonlyMap<string, ModelState> = new Map(),
): Promise<Map<string, ModelState>> {
  const built = new Map(run.nodes.map((node) => [node.name, node]));
  const out = new Map<string, ModelState>();
  for (const compiled of graph.ordered) {
    const name = compiled.model.name;
    const node = built.get(name);
    if (node === undefined) {
      const before = previous.get(name);
      if (before) out.set(name, before);
    } else if (node.status === 'success') {
      out.set(name, computed.get(name) ?? (await stateOf(warehouse, compiled, node.rows)));
    }
  }
  return out;
}

/** A model's fingerprints now and the digest of the rows it just built. */
export async function stateOf(
  warehouse: Warehouse,
  compiled: ModelGraph['ordered'][number],
  rows: number | null,
): Promise<ModelState> {
  return {
    fingerprint: modelFingerprint(compiled),
    codeFingerprint: modelFingerprint(compiled, { withValues: false }),
    contentHash: await contentHashOf(warehouse, relationOf(compiled.model), rows),
  };
}

/** Tables up to this size are digested after a build, so a rebuild that changed nothing stops there. */
const DIGEST_MAX_ROWS = 2_000_000;

export async function contentHashOf(
  warehouse: Warehouse,
  relation: string,
  rows: number | null,
): Promise<string | null> {
  if (rows === null || rows > DIGEST_MAX_ROWS) return null;
  const [row] = await warehouse.query<{ digest: string }>(
    `select count(*)::varchar || ':' || coalesce(sum(hash(t)), 0)::varchar as digest from ${relation} t`,
  );
  return row?.digest ?? null;
}
