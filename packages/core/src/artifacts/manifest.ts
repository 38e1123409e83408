import type { z } from 'zod';
import type { SourceDefinition } from '../ingest/source-definition.js';
import { toJsonSafe } from '../json-safe.js';
import { duckdbTypeOf, isNullable } from '../model/column-types.js';
import { schemaOf } from '../model/compile-model.js';
import type { DataTest } from '../model/data-test.js';
import type { AnyModel, Layer } from '../model/model-definition.js';
import { testsOf } from '../testing/automatic-tests.js';
import { testNameOf } from '../testing/test-names.js';
import { artifactMetadata, type RunIdentity } from './artifact-metadata.js';
import { MANIFEST_SCHEMA_VERSION, type ManifestArtifact, manifestSchema } from './manifest-schema.js';

type ManifestTestEntry = ManifestArtifact['nodes'][string]['tests'][number];

export interface ManifestInput {
  readonly identity: RunIdentity;
  /** The models in build order with what each reads: a ModelGraph, or `pulse ls`'s listing. */
  readonly graph: { readonly ordered: readonly { model: AnyModel; dependsOn: readonly string[] }[] };
  readonly sources: readonly SourceDefinition[];
  readonly exportLayers: readonly Layer[];
}

/**
 * manifest.json: every model with its layer, contract (DuckDB type, nullability and the zod description
 * of each column), grain, dependencies and tests, plus the raw sources. The site's glossary reads it.
 */
export function toManifest({ identity, graph, sources, exportLayers }: ManifestInput): ManifestArtifact {
  const nodes = Object.fromEntries(
    graph.ordered.map(({ model, dependsOn }) => [
      `model.${model.name}`,
      {
        unique_id: `model.${model.name}`,
        resource_type: 'model',
        name: model.name,
        layer: model.layer,
        relation_name: `${schemaOf(model)}.${model.name}`,
        materialized: model.materialized,
        description: model.description,
        grain: [...(model.grain ?? [])],
        unique_key: [...(model.uniqueKey ?? [])],
        depends_on: { nodes: dependsOn.map((name) => `model.${name}`) },
        columns: columnsOf(model),
        tests: testsOf(model).map((test) => testEntry(model, test)),
        exported: exportLayers.includes(model.layer),
      },
    ]),
  );
  return manifestSchema.parse({
    metadata: artifactMetadata(MANIFEST_SCHEMA_VERSION, identity),
    nodes,
    sources: sources.map((source) => ({
      unique_id: `source.${source.name}`,
      name: source.name,
      required: source.required,
      description: source.description,
    })),
  });
}

function columnsOf(model: AnyModel) {
  return Object.entries(model.columns.shape as Record<string, z.ZodType>).map(([name, schema]) => ({
    name,
    data_type: duckdbTypeOf(schema, `${model.name}.${name}`),
    nullable: isNullable(schema),
    description: schema.description ?? '',
  }));
}

/** One test as manifest.json lists it; typed, so a kind without its case here does not compile. */
function testEntry(model: AnyModel, test: DataTest): ManifestTestEntry {
  const base = { name: testNameOf(model, test), kind: test.kind, severity: test.severity ?? 'error' };
  switch (test.kind) {
    case 'unique':
      return { ...base, columns: [...test.columns], config: {} };
    case 'not_null':
      return { ...base, columns: [test.column], config: {} };
    case 'accepted_values':
      return { ...base, columns: [test.column], config: { values: toJsonSafe(test.values) } };
    case 'relationships':
      return { ...base, columns: [test.column], config: { to: test.to, field: test.field } };
    case 'expression':
      return { ...base, columns: [], config: { expression: test.expression } };
    case 'custom':
      return { ...base, columns: [], config: {} };
  }
}
