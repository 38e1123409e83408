import type { AnyModel, Layer } from '../model/model-definition.js';
import type { Warehouse } from '../warehouse/warehouse.js';

/** Every layer a model may live in: the schemas whose relations are the project's models and nothing else. */
const MODEL_LAYERS: readonly Layer[] = ['staging', 'intermediate', 'marts'];

/**
 * A warehouse staged from the published one (a refresh) still holds the relations of models the project
 * no longer has: removed, or renamed by an upgrade of Pulse or of the project. A full build of the same
 * project would not, and they would sit there with the rows of the day they were last built. They are
 * dropped, so the warehouse a refresh publishes is the one a full build would. Returns what was dropped
 * (`schema.name`); on a new, empty warehouse it finds nothing.
 */
export async function dropRemovedModels(
  warehouse: Warehouse,
  models: readonly AnyModel[],
): Promise<string[]> {
  const current = new Set(models.map((model) => `${model.layer}.${model.name}`));
  const layers = MODEL_LAYERS.map((layer) => `'${layer}'`).join(', ');
  const relations = await warehouse.query<{ schema: string; name: string; kind: 'table' | 'view' }>(
    `select schema_name as schema, table_name as name, 'table' as kind from duckdb_tables()
       where database_name = current_database() and schema_name in (${layers})
     union all
     select schema_name, view_name, 'view' from duckdb_views()
       where database_name = current_database() and schema_name in (${layers}) and not internal
     order by 1, 2`,
  );
  const removed = relations.filter((relation) => !current.has(`${relation.schema}.${relation.name}`));
  for (const relation of removed)
    await warehouse.exec(
      `drop ${relation.kind} "${relation.schema}"."${relation.name.replaceAll('"', '""')}"`,
    );
  return removed.map((relation) => `${relation.schema}.${relation.name}`);
}
