import { topologicalOrder } from '../dag/topological-order.js';
import { checkContract } from '../materialize/contract-check.js';
import { materialize } from '../materialize/materialize.js';
import { type CompiledModel, compileModel, schemaByRelationOf } from '../model/compile-model.js';
import type { AnyModel } from '../model/model-definition.js';
import type { Warehouse } from '../warehouse/warehouse.js';

export interface BuildModelsOptions {
  readonly warehouse: Warehouse;
  readonly models: readonly AnyModel[];
  readonly vars: unknown;
}

/** Compiles every model and returns them in build order (dependencies first). */
export function planModels(
  warehouse: Warehouse,
  models: readonly AnyModel[],
  vars: unknown,
): CompiledModel[] {
  const schemaByRelation = schemaByRelationOf(models);
  const db = warehouse.db<any>();
  const compiled = new Map(
    models.map((model) => [model.name, compileModel(model, db, schemaByRelation, vars)]),
  );
  const order = topologicalOrder(new Map([...compiled].map(([name, c]) => [name, c.dependsOn])));
  return order.map((name) => compiled.get(name)!);
}

/**
 * The minimal build: every model in dependency order, materialised and checked against its contract,
 * stopping at the first failure. Tests use it to build fixtures.
 */
export async function buildModels({ warehouse, models, vars }: BuildModelsOptions): Promise<void> {
  const schemaByRelation = schemaByRelationOf(models);
  for (const compiled of planModels(warehouse, models, vars)) {
    await materialize({ warehouse, compiled, schemaByRelation, vars });
    await checkContract(warehouse, compiled.model);
  }
}
