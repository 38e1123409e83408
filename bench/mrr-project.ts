// The customer-success project cut down to what Arquero computes: the sources and models that
// mrr_account_months, mrr_monthly and cohort_retention need, so "Arquero vs Pulse" can also compare the
// same work (ingestion and validation of those sources, the models, their tests, Parquet) and not only
// Arquero against the whole build. Loaded by `pulse build --project bench/mrr-project.ts` over a data
// folder holding only the files Arquero reads (the other, optional, sources are then absent: empty).
import { compileModel, defineProject, ModelGraph, Warehouse } from '@pulse/core';
import { project } from '@pulse/models';

export const MRR_MARTS = ['mrr_account_months', 'mrr_monthly', 'cohort_retention'];

const warehouse = await Warehouse.open(':memory:');
const schemaByRelation = new Map(project.models.map((model) => [model.name, model.layer]));
// The vars only shape the SQL here: any date gives the same dependencies.
const vars = await project.resolveVars(warehouse, { ...project.config.parse({}), as_of: '2026-01-01' }, {});
const graph = ModelGraph.of(
  project.models.map((model) => compileModel(model, warehouse.db<any>(), schemaByRelation, vars)),
);
await warehouse.close();
const needed = new Set(MRR_MARTS.flatMap((name) => [name, ...graph.ancestorsOf(name)]));
export default defineProject({
  ...project,
  name: 'pulse-mrr-only',
  models: project.models.filter((model) => needed.has(model.name)),
});
