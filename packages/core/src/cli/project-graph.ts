import { ModelGraph } from '../dag/model-graph.js';
import type { AnyModel } from '../model/model-definition.js';
import type { ProjectDefinition } from '../project/define-project.js';

export interface ListedModel {
  readonly model: AnyModel;
  readonly dependsOn: readonly string[];
}

/**
 * The models in build order for `pulse ls`, from their declared inputs: no vars, no warehouse, no
 * compiling. The DAG is checked as a build would (unknown models and cycles throw).
 */
export function listModels(project: ProjectDefinition): ListedModel[] {
  return ModelGraph.ofModels(project.models).ordered.map(({ model, dependsOn }) => ({ model, dependsOn }));
}
