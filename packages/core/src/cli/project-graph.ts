import { existsSync } from 'node:fs';
import { loadConfig } from '../config/load-config.js';
import { ModelGraph } from '../dag/model-graph.js';
import { topologicalOrder } from '../dag/topological-order.js';
import { type CompiledModel, compileModel, schemaByRelationOf } from '../model/compile-model.js';
import type { AnyModel } from '../model/model-definition.js';
import type { ProjectDefinition } from '../project/define-project.js';
import { Warehouse } from '../warehouse/warehouse.js';
import { placeholderVars } from './placeholder-vars.js';

export interface ListedModel {
  readonly model: AnyModel;
  /** Undefined when the query needs real vars to compile (no published warehouse yet). */
  readonly dependsOn: readonly string[] | undefined;
}

/**
 * The models in build order for `pulse ls`. Refs are static in well-written models, but a query may use
 * vars: the published warehouse's vars are used when it can be opened, placeholders otherwise (or when
 * no warehouse is given, as for `pulse docs`, whose output must not depend on a build). With real
 * vars the DAG is checked as a build would (unknown refs and cycles throw).
 */
export async function listModels(
  project: ProjectDefinition,
  warehousePath: string | undefined,
  configFile: string | undefined,
): Promise<ListedModel[]> {
  const vars = await publishedVars(project, warehousePath, configFile);
  const memory = await Warehouse.open(':memory:');
  try {
    const schemaByRelation = schemaByRelationOf(project.models);
    const db = memory.db<any>();
    const compiled = project.models.map((model) => {
      try {
        return compileModel(model, db, schemaByRelation, vars ?? placeholderVars());
      } catch (error) {
        if (vars !== undefined) throw error;
        return undefined;
      }
    });
    if (compiled.every((c): c is CompiledModel => c !== undefined)) {
      return ModelGraph.of(compiled).ordered.map(({ model, dependsOn }) => ({ model, dependsOn }));
    }
    const known = new Set(project.models.map((model) => model.name));
    const listed = project.models.map((model, i) => ({ model, dependsOn: compiled[i]?.dependsOn }));
    const order = topologicalOrder(
      new Map(
        listed.map(({ model, dependsOn }) => [
          model.name,
          (dependsOn ?? model.dependsOn ?? []).filter((name) => known.has(name)),
        ]),
      ),
    );
    return order.map((name) => listed.find((entry) => entry.model.name === name)!);
  } finally {
    await memory.close();
  }
}

async function publishedVars(
  project: ProjectDefinition,
  warehousePath: string | undefined,
  configFile: string | undefined,
): Promise<unknown | undefined> {
  if (warehousePath === undefined || !existsSync(warehousePath)) return undefined;
  const { config } = await loadConfig(project.config, configFile);
  let warehouse: Warehouse | undefined;
  try {
    warehouse = await Warehouse.open(warehousePath, { readOnly: true });
    return await project.resolveVars(warehouse, config, {});
  } catch {
    // Held by a running build, or from an older project version: fall back to placeholders.
    return undefined;
  } finally {
    await warehouse?.close();
  }
}
