import type { z } from 'zod';
import { PulseError } from '../errors.js';
import { duckdbTypeOf } from './column-types.js';
import type { DataTest } from './data-test.js';
import type { ModelDefinition } from './model-definition.js';

export class ModelDefinitionError extends PulseError {
  override readonly name = 'ModelDefinitionError';
}

const MODEL_NAME = /^[a-z][a-z0-9_]*$/;

/**
 * Declares a model: name, layer, materialisation, the zod contract of its output and the Kysely query
 * that builds it. Checked eagerly so a malformed model fails at import, not halfway through a build.
 */
export function defineModel<const Name extends string, Shape extends z.ZodRawShape, DB, Vars = unknown>(
  model: ModelDefinition<Name, Shape, DB, Vars>,
): ModelDefinition<Name, Shape, DB, Vars> {
  if (!MODEL_NAME.test(model.name)) {
    throw new ModelDefinitionError(`Model name "${model.name}" must be snake_case (a-z, 0-9, _).`);
  }
  if (!model.description.trim()) {
    throw new ModelDefinitionError(
      `Model "${model.name}" needs a description: it is shown in the docs and site.`,
    );
  }
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
  if (model.materialized === 'incremental' && !model.uniqueKey?.length) {
    throw new ModelDefinitionError(`Incremental model "${model.name}" needs a uniqueKey.`);
  }
  return Object.freeze(model);
}

function testedColumnsOf(test: DataTest): readonly string[] {
  switch (test.kind) {
    case 'unique':
      return test.columns;
    case 'not_null':
    case 'accepted_values':
    case 'relationships':
      return [test.column];
    default:
      return [];
  }
}
