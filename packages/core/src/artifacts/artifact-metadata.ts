import { version as duckdbVersion } from '@duckdb/node-api';
import { z } from 'zod';
import { pulseVersion } from './pulse-version.js';

/** The header every artifact carries: which schema it follows, who wrote it, when, in which run. */
export function artifactMetadataSchema<const V extends string>(schemaVersion: V) {
  return z
    .object({
      pulse_schema_version: z.literal(schemaVersion).describe('The JSON Schema this file follows.'),
      pulse_version: z.string().describe('Version of @pulse/core that wrote the file.'),
      duckdb_version: z.string().describe('Version of the DuckDB engine.'),
      node_version: z.string().describe('Version of Node.js.'),
      generated_at: z.iso.datetime().describe('When the file was written (UTC, ISO 8601).'),
      invocation_id: z.uuid().describe('Id of the run; the same in run_results.json and manifest.json.'),
      project: z.string().describe('Name of the project that was built.'),
    })
    .strict();
}

export type ArtifactMetadata<V extends string = string> = z.infer<
  ReturnType<typeof artifactMetadataSchema<V>>
>;

export interface RunIdentity {
  readonly invocationId: string;
  readonly project: string;
  readonly generatedAt: Date;
}

export function artifactMetadata<V extends string>(schemaVersion: V, run: RunIdentity): ArtifactMetadata<V> {
  return {
    pulse_schema_version: schemaVersion,
    pulse_version: pulseVersion(),
    duckdb_version: duckdbVersion(),
    node_version: process.version,
    generated_at: run.generatedAt.toISOString(),
    invocation_id: run.invocationId,
    project: run.project,
  };
}
