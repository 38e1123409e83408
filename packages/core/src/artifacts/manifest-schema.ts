import { z } from 'zod';
import { DATA_TEST_KINDS } from '../model/data-test.js';
import { artifactMetadataSchema } from './artifact-metadata.js';
import { jsonRecordSchema } from './json-value-schema.js';

export const MANIFEST_SCHEMA_VERSION = 'urn:pulse:manifest:v1';

const columnSchema = z
  .object({
    name: z.string(),
    data_type: z.string().describe('DuckDB type, e.g. DOUBLE, DATE, VARCHAR[].'),
    nullable: z.boolean(),
    description: z.string().describe('The definition, as written in the model’s zod contract.'),
  })
  .strict();

const testSchema = z
  .object({
    name: z.string(),
    kind: z.enum(DATA_TEST_KINDS),
    severity: z.enum(['error', 'warn']),
    columns: z.array(z.string()).describe('Columns the test is about (empty for expression and custom).'),
    config: jsonRecordSchema.describe('Kind-specific settings: values, to and field, or expression.'),
  })
  .strict();

const modelNodeSchema = z
  .object({
    unique_id: z.string().regex(/^model\./),
    resource_type: z.literal('model'),
    name: z.string(),
    layer: z.enum(['staging', 'intermediate', 'marts']),
    relation_name: z.string().describe('`schema.name` in the warehouse.'),
    materialized: z.enum(['view', 'table', 'incremental']),
    description: z.string(),
    grain: z.array(z.string()).describe('Columns identifying one row.'),
    unique_key: z.array(z.string()).describe('For incremental models: the replaced key.'),
    depends_on: z.object({ nodes: z.array(z.string()) }).strict(),
    columns: z.array(columnSchema).describe('In relation order.'),
    tests: z.array(testSchema).describe('Implied (grain, non-nullable columns) and declared tests.'),
    exported: z.boolean().describe('Whether `pulse build` writes it as Parquet.'),
  })
  .strict();

const sourceSchema = z
  .object({
    unique_id: z.string().regex(/^source\./),
    name: z.string(),
    required: z.boolean(),
    description: z.string(),
  })
  .strict();

export const manifestSchema = z
  .object({
    metadata: artifactMetadataSchema(MANIFEST_SCHEMA_VERSION),
    nodes: z.record(z.string(), modelNodeSchema).describe('Models by unique_id, in build order.'),
    sources: z.array(sourceSchema),
  })
  .strict()
  .meta({
    title: 'Pulse manifest',
    description: 'The project as built: models, columns, tests and sources.',
  });

export type ManifestArtifact = z.infer<typeof manifestSchema>;
