import type { RunResult } from '../artifacts/run-result.js';
import { schemaOf } from '../model/compile-model.js';
import type { ProjectDefinition } from '../project/define-project.js';
import { exportParquet } from '../runner/export-parquet.js';
import type { MartsFileDamage } from '../state/published-marts.js';
import type { Warehouse } from '../warehouse/warehouse.js';

/**
 * A `--select` build starts its marts folder from the published one (hard links), and rewrites only its
 * models' files: a published mart that is damaged or missing (published-marts.ts) and whose model this run
 * did not build would be published again as it is, and recorded as intact. Each is exported anew from the
 * staged warehouse, which holds the published relation. Returns their model names.
 */
export async function exportDamagedMartsNotBuilt(options: {
  readonly warehouse: Warehouse;
  readonly project: ProjectDefinition;
  readonly run: RunResult;
  readonly damage: readonly MartsFileDamage[];
  readonly exportDir: string;
}): Promise<string[]> {
  const damaged = new Set(
    options.damage
      .filter((file) => !file.path.includes('/') && file.path.endsWith('.parquet'))
      .map((file) => file.path.slice(0, -'.parquet'.length)),
  );
  if (damaged.size === 0) return [];
  const built = new Set(options.run.nodes.map((node) => node.name));
  const relations = new Set(
    (await options.warehouse.relations()).map((table) => `${table.schema}.${table.name}`),
  );
  const exported: string[] = [];
  for (const model of options.project.models) {
    if (!damaged.has(model.name) || built.has(model.name)) continue;
    if (!relations.has(`${schemaOf(model)}.${model.name}`)) continue;
    await exportParquet(options.warehouse, model, options.exportDir);
    exported.push(model.name);
  }
  return exported;
}
