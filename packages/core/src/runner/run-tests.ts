import type { NodeResult, RunEvent, RunResult } from '../artifacts/run-result.js';
import type { ModelGraph } from '../dag/model-graph.js';
import { schemaByRelationOf } from '../model/compile-model.js';
import type { AnyModel } from '../model/model-definition.js';
import type { ModelWarehouse } from '../warehouse/model-warehouse.js';
import { compileGraph } from './build-models.js';
import { finishRun, selectedNames } from './run-build.js';
import { runNode } from './run-node.js';

export interface RunTestsOptions {
  readonly warehouse: ModelWarehouse;
  readonly models: readonly AnyModel[];
  readonly vars: unknown;
  readonly select?: string | readonly string[];
  readonly onEvent?: (event: RunEvent) => void;
  /** The models already compiled for these vars (`compileGraph`), so a caller that needs them compiles once. */
  readonly graph?: ModelGraph;
}

/**
 * Runs the data tests of the selected models against relations an earlier build left (`pulse test`).
 * Nothing is skipped: a failing upstream test does not make a downstream test meaningless to look at.
 */
export async function runTests(options: RunTestsOptions): Promise<RunResult> {
  const { warehouse, models, vars, onEvent } = options;
  const startedAt = new Date();
  const graph = options.graph ?? compileGraph(warehouse, models, vars);
  const names = selectedNames(graph, options.select);
  const context = { warehouse, schemaByRelation: schemaByRelationOf(models), vars };
  onEvent?.({ type: 'run-start', total: names.length, names });
  const nodes: NodeResult[] = [];
  for (const [index, name] of names.entries()) {
    const position = { index: index + 1, total: names.length };
    const relation = `${graph.get(name).model.layer}.${name}`;
    onEvent?.({ type: 'node-start', ...position, name, relation });
    const result = await runNode(graph.get(name), context, 'test');
    nodes.push(result);
    onEvent?.({ type: 'node-done', ...position, result });
  }
  const run = finishRun(nodes, startedAt);
  onEvent?.({ type: 'run-done', result: run });
  return run;
}
