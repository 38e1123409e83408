import { ModelGraph } from '../dag/model-graph.js';
import { withSqlEngine } from '../dialect/sql-engine.js';
import { checkContract } from '../materialize/contract-check.js';
import { materialize } from '../materialize/materialize.js';
import { type CompiledModel, compileModel, schemaByRelationOf } from '../model/compile-model.js';
import type { AnyModel } from '../model/model-definition.js';
import type { ModelWarehouse } from '../warehouse/model-warehouse.js';

export interface BuildModelsOptions {
  readonly warehouse: ModelWarehouse;
  readonly models: readonly AnyModel[];
  readonly vars: unknown;
}

/**
 * Compiles every model and checks the DAG: unknown refs and cycles throw before anything is built. The
 * models are compiled for the warehouse's engine (the expression helpers write its SQL).
 */
export function compileGraph(
  warehouse: ModelWarehouse,
  models: readonly AnyModel[],
  vars: unknown,
): ModelGraph {
  const schemaByRelation = schemaByRelationOf(models);
  const db = warehouse.db<any>();
  return withSqlEngine(warehouse.engine, () =>
    ModelGraph.of(models.map((model) => compileModel(model, db, schemaByRelation, vars))),
  );
}

/** Compiles every model and returns them in build order (dependencies first). */
export function planModels(
  warehouse: ModelWarehouse,
  models: readonly AnyModel[],
  vars: unknown,
): CompiledModel[] {
  return [...compileGraph(warehouse, models, vars).ordered];
}

/**
 * The minimal build: every model in dependency order, materialised and checked against its contract,
 * stopping at the first failure, without data tests. Model tests use it to build fixtures; `runBuild`
 * is the full build.
 */
export async function buildModels({ warehouse, models, vars }: BuildModelsOptions): Promise<void> {
  const schemaByRelation = schemaByRelationOf(models);
  for (const compiled of planModels(warehouse, models, vars)) {
    await materialize({ warehouse, compiled, schemaByRelation, vars });
    await checkContract(warehouse, compiled.model);
  }
}
