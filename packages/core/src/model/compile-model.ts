import type { CompiledQuery, Kysely } from 'kysely';
import type { AnyModel } from './model-definition.js';
import { RelationRefPlugin } from './relation-ref-plugin.js';

export interface CompiledModel {
  readonly model: AnyModel;
  /** The model's select, with every model reference schema-qualified and parameters still bound. */
  readonly query: CompiledQuery;
  /** Models this one reads: the refs found in its query plus its explicit `dependsOn`. */
  readonly dependsOn: readonly string[];
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
): CompiledModel {
  const plugin = new RelationRefPlugin(schemaByRelation);
  const refDb = db.withPlugin(plugin);
  const built = model.build(refDb, { vars, isIncremental });
  const query = 'isRawBuilder' in built ? built.compile(refDb) : built.compile();
  const refs = [...plugin.refs].filter((ref) => ref !== model.name);
  const dependsOn = [...new Set([...refs, ...(model.dependsOn ?? [])])].sort();
  return { model, query, dependsOn };
}

export function schemaByRelationOf(models: readonly AnyModel[]): Map<string, string> {
  return new Map(models.map((model) => [model.name, schemaOf(model)]));
}
