import { toManifest } from '../artifacts/manifest.js';
import type { ManifestArtifact } from '../artifacts/manifest-schema.js';
import type { AnyModel } from '../model/model-definition.js';
import type { ProjectDefinition } from '../project/define-project.js';
import { UndescribedModelError } from './docs-errors.js';

/** One model of the project in build order with the models it reads (`pulse ls`'s listing). */
export interface ListedModel {
  readonly model: AnyModel;
  /** Undefined when the query could not be compiled without a warehouse's vars. */
  readonly dependsOn: readonly string[] | undefined;
}

export type ModelNode = ManifestArtifact['nodes'][string];

/** manifest.json has no run here: its header is not part of the docs, so a fixed one keeps them stable. */
const NO_RUN = {
  invocationId: '00000000-0000-4000-8000-000000000000',
  project: '',
  generatedAt: new Date(0),
};

/**
 * The models as target/manifest.json describes them (layer, grain, columns with DuckDB type and
 * description, tests, dependencies), computed from the project definition alone: the same function
 * writes the manifest of a build, so the docs and the manifest cannot disagree, and no build is needed.
 */
export function modelNodesOf(project: ProjectDefinition, listed: readonly ListedModel[]): ModelNode[] {
  const ordered = listed.map(({ model, dependsOn }) => {
    if (dependsOn === undefined) {
      throw new UndescribedModelError(
        `Model "${model.name}" cannot be compiled without a warehouse's vars, so pulse docs cannot tell ` +
          'which models it reads: make its query compile with any vars (read vars inside expressions, not to choose tables).',
      );
    }
    return { model, dependsOn };
  });
  const manifest = toManifest({
    identity: { ...NO_RUN, project: project.name },
    graph: { ordered },
    sources: project.sources,
    exportLayers: project.exportLayers ?? ['marts'],
  });
  return Object.values(manifest.nodes);
}
