import { z } from 'zod';
import { MANIFEST_SCHEMA_VERSION, manifestSchema } from './manifest-schema.js';
import { RUN_RESULTS_SCHEMA_VERSION, runResultsSchema } from './run-results-schema.js';

/**
 * The committed JSON Schemas (packages/core/schemas/*.json), generated from the zod schemas, which are
 * the source of truth. A test fails when the committed files drift; `npm run schemas -w @pulse/core`
 * rewrites them. A breaking change gets a new version file, never an edit of v1.
 */
export const JSON_SCHEMA_FILES = {
  'run-results.v1.json': { id: RUN_RESULTS_SCHEMA_VERSION, schema: runResultsSchema },
  'manifest.v1.json': { id: MANIFEST_SCHEMA_VERSION, schema: manifestSchema },
} as const;

/** The file's text: its `$id` is the artifact's `metadata.pulse_schema_version`. */
export function generateJsonSchema(file: keyof typeof JSON_SCHEMA_FILES): string {
  const { id, schema } = JSON_SCHEMA_FILES[file];
  return `${JSON.stringify({ $id: id, ...z.toJSONSchema(schema, { target: 'draft-2020-12' }) }, null, 2)}\n`;
}
