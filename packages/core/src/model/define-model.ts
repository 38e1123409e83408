import type { z } from 'zod';
import { PulseError } from '../errors.js';
import { duckdbTypeOf } from './column-types.js';
import type { DataTest } from './data-test.js';
import { isExternalRelation } from './external-relation.js';
import type { Layer, ModelDefinition, ModelInput } from './model-definition.js';

export class ModelDefinitionError extends PulseError {
  override readonly name = 'ModelDefinitionError';
}

const MODEL_NAME = /^[a-z][a-z0-9_]*$/;
const LAYERS: readonly Layer[] = ['staging', 'intermediate', 'marts'];

/**
 * Declares a model: name, layer, materialisation, the zod contract of its output, the inputs it reads and
 * the Kysely query that builds it from them. Checked eagerly so a malformed model fails at import, not
 * halfway through a build.
 */
export function defineModel<
  const Name extends string,
  Shape extends z.ZodRawShape,
  const Inputs extends readonly ModelInput[],
  Vars = unknown,
>(model: ModelDefinition<Name, Shape, Inputs, Vars>): ModelDefinition<Name, Shape, Inputs, Vars> {
  if (!MODEL_NAME.test(model.name)) {
    throw new ModelDefinitionError(`Model name "${model.name}" must be snake_case (a-z, 0-9, _).`);
  }
  if (!model.description.trim()) {
    throw new ModelDefinitionError(
      `Model "${model.name}" needs a description: it is shown in the docs and site.`,
    );
  }
  checkInputs(model.name, model.inputs);
  for (const [column, schema] of Object.entries(model.columns.shape)) {
    const type = schema as z.ZodType;
    duckdbTypeOf(type, `${model.name}.${column}`);
    if (!type.description?.trim()) {
      throw new ModelDefinitionError(
        `Column "${model.name}.${column}" has no description; add .describe('what it means') to its zod type.`,
      );
    }
  }
  for (const key of [...(model.grain ?? []), ...(model.uniqueKey ?? [])]) {
    if (!(key in model.columns.shape)) {
      throw new ModelDefinitionError(
        `Model "${model.name}" names key column "${key}", which is not in its columns.`,
      );
    }
  }
  for (const test of model.tests ?? []) {
    for (const column of testedColumnsOf(test)) {
      if (!(column in model.columns.shape)) {
        throw new ModelDefinitionError(
          `Model "${model.name}" has a ${test.kind} test on column "${column}", which is not in its columns.`,
        );
      }
    }
  }
  if (model.sortedByGrain === false && model.layer === 'marts') {
    throw new ModelDefinitionError(
      `Mart "${model.name}" sets sortedByGrain: false; marts are always stored sorted by their grain (people read them in order).`,
    );
  }
  if (model.materialized === 'incremental' && !model.uniqueKey?.length) {
    throw new ModelDefinitionError(`Incremental model "${model.name}" needs a uniqueKey.`);
  }
  return Object.freeze(model);
}

function checkInputs(model: string, inputs: readonly ModelInput[] | undefined): void {
  if (!Array.isArray(inputs)) {
    throw new ModelDefinitionError(
      `Model "${model}" needs inputs: the models and raw tables its query reads, e.g. inputs: [stgAccounts] (or [] when it reads none).`,
    );
  }
  const seen = new Set<string>();
  for (const [index, input] of inputs.entries()) {
    if (!isExternalRelation(input) && typeof input?.build !== 'function') {
      throw new ModelDefinitionError(
        `Model "${model}" has input ${index + 1} that is neither a model nor an external relation (${String(input)}); ` +
          'an undefined input usually means two model files import each other.',
      );
    }
    const schema = isExternalRelation(input) ? input.name.split('.')[0]! : input.layer;
    const relation = isExternalRelation(input) ? input.name : `${schema}.${input.name}`;
    if (isExternalRelation(input) && LAYERS.includes(schema as Layer)) {
      throw new ModelDefinitionError(
        `Model "${model}" declares external relation "${relation}" in a model layer; list the model itself in its inputs.`,
      );
    }
    if (seen.has(relation)) {
      throw new ModelDefinitionError(`Model "${model}" lists input "${relation}" twice.`);
    }
    seen.add(relation);
  }
}

function testedColumnsOf(test: DataTest): readonly string[] {
  switch (test.kind) {
    case 'unique':
      return test.columns;
    case 'not_null':
    case 'accepted_values':
    case 'relationships':
      return [test.column];
    // Listed, not `default`: a new kind that tests a column must say which, or this does not compile.
    case 'expression':
    case 'custom':
      return [];
  }
}
