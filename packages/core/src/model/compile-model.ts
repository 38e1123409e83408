import type { CompiledQuery, Kysely } from 'kysely';
import { PulseError } from '../errors.js';
import type { AnyModel } from './model-definition.js';
import { RelationRefPlugin } from './relation-ref-plugin.js';

export class ModelCompileError extends PulseError {
  override readonly name = 'ModelCompileError';
}

export interface CompiledModel {
  readonly model: AnyModel;
  /** The model's select, with every model reference schema-qualified and parameters still bound. */
  readonly query: CompiledQuery;
  /**
   * Models this one needs built first: the refs found in its query, its explicit `dependsOn` and the
   * models its `relationships` tests point at (a test must not read a relation older than the model).
   */
  readonly dependsOn: readonly string[];
  /** Unqualified tables the query reads that are neither models nor CTEs: typos, or missing models. */
  readonly unresolvedRefs: readonly string[];
  /** Schema-qualified relations read that are not models, e.g. `raw.events`. */
  readonly externalReads: readonly string[];
}

/** Schema of a model's relation: its layer (`staging`, `intermediate`, `marts`). */
export function schemaOf(model: AnyModel): string {
  return model.layer;
}

export function relationOf(model: AnyModel): string {
  return `"${schemaOf(model)}"."${model.name}"`;
}

export function compileModel(
  model: AnyModel,
  db: Kysely<any>,
  schemaByRelation: ReadonlyMap<string, string>,
  vars: unknown,
  isIncremental = false,
  partitions?: readonly string[],
): CompiledModel {
  const plugin = new RelationRefPlugin(schemaByRelation);
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
  const testTargets = (model.tests ?? []).flatMap((test) =>
    test.kind === 'relationships' && !test.to.includes('.') ? [test.to] : [],
  );
  const unresolved = new Set(plugin.unresolved);
  for (const target of testTargets) if (!schemaByRelation.has(target)) unresolved.add(target);
  const refs = [...plugin.refs, ...testTargets.filter((target) => schemaByRelation.has(target))];
  const dependsOn = [...new Set([...refs, ...(model.dependsOn ?? [])])]
    .filter((ref) => ref !== model.name)
    .sort();
  return {
    model,
    query,
    dependsOn,
    unresolvedRefs: [...unresolved].sort(),
    externalReads: [...plugin.externalReads].sort(),
  };
}

export function schemaByRelationOf(models: readonly AnyModel[]): Map<string, string> {
  return new Map(models.map((model) => [model.name, schemaOf(model)]));
}
