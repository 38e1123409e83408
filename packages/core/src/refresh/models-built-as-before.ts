import { compileModel, schemaByRelationOf } from '../model/compile-model.js';
import { modelFingerprint } from '../model/model-fingerprint.js';
import type { ProjectDefinition } from '../project/define-project.js';
import { readBuildState } from '../state/pulse-tables.js';
import { Warehouse } from '../warehouse/warehouse.js';

/**
 * Whether the project's models are the ones the published warehouse was built with: the same models,
 * each compiled with the vars of that build to the fingerprint it recorded (SQL with its values,
 * contract, tests). With no data file changed the vars are that build's, so an edited model (its SQL, a
 * column, a test) differs here and the refresh rebuilds it instead of answering "Up to date". Asked only
 * when the project's files changed since the warehouse was published: opening DuckDB is not free.
 */
export async function modelsBuiltAsBefore(
  project: ProjectDefinition,
  warehousePath: string,
): Promise<boolean> {
  const warehouse = await Warehouse.open(warehousePath, { readOnly: true });
  try {
    const { models: built, vars } = await readBuildState(warehouse);
    if (vars === undefined || built.size !== project.models.length) return false;
    const schemaByRelation = schemaByRelationOf(project.models);
    return project.models.every((model) => {
      const before = built.get(model.name);
      if (before === undefined) return false;
      const compiled = compileModel(model, warehouse.db<any>(), schemaByRelation, vars);
      return modelFingerprint(compiled) === before.fingerprint;
    });
  } finally {
    await warehouse.close();
  }
}
