import { isExternalRelation } from './external-relation.js';
import type { AnyModel, ModelInput } from './model-definition.js';

/**
 * The models this one needs built first: its input models and the models its `relationships` tests point
 * at (a test must not read a relation older than the model). Read from the declaration, never by
 * compiling the query, so the DAG needs no vars and no warehouse.
 */
export function dependenciesOf(model: AnyModel): string[] {
  const inputs = model.inputs.flatMap((input: ModelInput) => (isExternalRelation(input) ? [] : [input.name]));
  const testTargets = (model.tests ?? []).flatMap((test) =>
    test.kind === 'relationships' && !test.to.includes('.') ? [test.to] : [],
  );
  return [...new Set([...inputs, ...testTargets])].filter((name) => name !== model.name).sort();
}

/** The external relations a model declares it reads (`raw.events`): what a refresh must watch for it. */
export function externalReadsOf(model: AnyModel): string[] {
  return model.inputs.flatMap((input: ModelInput) => (isExternalRelation(input) ? [input.name] : [])).sort();
}

/** Every relation the model's query may read, schema-qualified: its inputs and itself (incremental models). */
export function declaredRelationsOf(model: AnyModel): Set<string> {
  const relations = model.inputs.map((input: ModelInput) =>
    isExternalRelation(input) ? input.name : `${input.layer}.${input.name}`,
  );
  return new Set([...relations, `${model.layer}.${model.name}`]);
}

/** Each input model of this one by name, with its schema: how the model's query names resolve. */
export function inputSchemasOf(model: AnyModel): Map<string, string> {
  return new Map(
    model.inputs.flatMap((input: ModelInput) =>
      isExternalRelation(input) ? [] : [[input.name, input.layer]],
    ),
  );
}
