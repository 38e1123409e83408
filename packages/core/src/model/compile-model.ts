import type { CompiledQuery, Kysely } from 'kysely';
import { PulseError } from '../errors.js';
import type { AnyModel } from './model-definition.js';
import {
  declaredRelationsOf,
  dependenciesOf,
  externalReadsOf,
  inputSchemasOf,
} from './model-dependencies.js';
import { RelationRefPlugin } from './relation-ref-plugin.js';
import { UndeclaredInputError } from './undeclared-input-error.js';

export class ModelCompileError extends PulseError {
  override readonly name = 'ModelCompileError';
}

export interface CompiledModel {
  readonly model: AnyModel;
  /** The model's select, with every model reference schema-qualified and parameters still bound. */
  readonly query: CompiledQuery;
  /** Models this one needs built first (`dependenciesOf`: its input models and `relationships` targets). */
  readonly dependsOn: readonly string[];
  /** External relations the model declares it reads, e.g. `raw.events`. */
  readonly externalReads: readonly string[];
}

/** Schema of a model's relation: its layer (`staging`, `intermediate`, `marts`). */
export function schemaOf(model: AnyModel): string {
  return model.layer;
}

export function relationOf(model: AnyModel): string {
  return `"${schemaOf(model)}"."${model.name}"`;
}

/**
 * Compiles a model's query for these vars and checks it reads only what the model declares in `inputs`
 * (throws `UndeclaredInputError` otherwise). `schemaByRelation` holds every model of the project, so an
 * undeclared read of one is named with its schema.
 */
export function compileModel(
  model: AnyModel,
  db: Kysely<any>,
  schemaByRelation: ReadonlyMap<string, string>,
  vars: unknown,
  isIncremental = false,
  partitions?: readonly string[],
): CompiledModel {
  // Its own inputs first: a model names what it declared, even a model the project lacks (the DAG says so).
  const plugin = new RelationRefPlugin(new Map([...schemaByRelation, ...inputSchemasOf(model)]));
  const refDb = db.withPlugin(plugin);
  let query: CompiledQuery;
  try {
    const built = model.build(refDb, { vars, isIncremental, ...(partitions ? { partitions } : {}) });
    query = 'isRawBuilder' in built ? built.compile(refDb) : built.compile();
  } catch (error) {
    throw new ModelCompileError(
      `Model "${model.name}" failed to compile its query: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const declared = declaredRelationsOf(model);
  const [undeclared] = [...plugin.reads].filter((relation) => !declared.has(relation)).sort();
  if (undeclared !== undefined) {
    const [schema, name] = undeclared.split('.');
    const isProjectModel = name !== undefined && schemaByRelation.get(name) === schema;
    throw new UndeclaredInputError(model.name, undeclared, isProjectModel);
  }
  return { model, query, dependsOn: dependenciesOf(model), externalReads: externalReadsOf(model) };
}

export function schemaByRelationOf(models: readonly AnyModel[]): Map<string, string> {
  return new Map(models.map((model) => [model.name, schemaOf(model)]));
}
