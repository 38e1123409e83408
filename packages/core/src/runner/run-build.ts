import type { NodeResult, RunEvent, RunResult } from '../artifacts/run-result.js';
import type { ModelGraph } from '../dag/model-graph.js';
import { parseSelection, selectModels } from '../dag/select-models.js';
import type { CompiledModel } from '../model/compile-model.js';
import { schemaByRelationOf } from '../model/compile-model.js';
import type { AnyModel, Layer } from '../model/model-definition.js';
import { storageErrorOf } from '../storage-error.js';
import type { ModelWarehouse } from '../warehouse/model-warehouse.js';
import { compileGraph } from './build-models.js';
import { exportParquet, removeExport } from './export-parquet.js';
import type { RebuildDecision } from './rebuild-decider.js';
import { describeNode, runNode } from './run-node.js';

export interface RunBuildOptions {
  readonly warehouse: ModelWarehouse;
  readonly models: readonly AnyModel[];
  readonly vars: unknown;
  /** `--select` syntax: `name`, `+name`, `name+`, several separated by commas or spaces. Default: all. */
  readonly select?: string | readonly string[];
  /** Folder for the Parquet copies of the exported layers; omitted, nothing is exported. */
  readonly exportDir?: string;
  /** Layers written as Parquet (default: marts). */
  readonly exportLayers?: readonly Layer[];
  readonly onEvent?: (event: RunEvent) => void;
  /** `pulse refresh`: decides per model whether to keep it, rebuild it or rebuild some partitions. */
  readonly decider?: NodeDecider;
  /** The models already compiled for these vars (`compileGraph`), so a caller that needs them compiles once. */
  readonly graph?: ModelGraph;
  /**
   * Writes a built model's Parquet copy and returns its path; default: DuckDB's `copy … to` from the
   * warehouse itself. A PostgreSQL build passes one that reads the rows out of the server.
   */
  readonly exportModel?: (model: AnyModel, exportDir: string) => Promise<string>;
}

/** Asked before each selected model is built, told after. */
export interface NodeDecider {
  decide(compiled: CompiledModel): Promise<RebuildDecision>;
  afterNode(compiled: CompiledModel, decision: RebuildDecision, result: NodeResult): Promise<void>;
}

/**
 * Builds the selected models in dependency order, one at a time (DuckDB already uses every core inside
 * each query): materialise, check the contract, run the tests, export. A failed model marks only its
 * descendants `skipped`; unrelated branches still build. Throws only before anything is built: an
 * unknown ref, a cycle or a bad selector.
 */
export async function runBuild(options: RunBuildOptions): Promise<RunResult> {
  const { warehouse, models, vars, exportDir, onEvent } = options;
  const exportLayers = new Set(options.exportLayers ?? ['marts']);
  const startedAt = new Date();
  const graph = options.graph ?? compileGraph(warehouse, models, vars);
  const names = selectedNames(graph, options.select);
  const context = { warehouse, schemaByRelation: schemaByRelationOf(models), vars };
  onEvent?.({ type: 'run-start', total: names.length, names });
  /** Each failed or skipped model → the failed model that is the root cause. */
  const failedRoot = new Map<string, string>();
  const nodes: NodeResult[] = [];
  for (const [index, name] of names.entries()) {
    const compiled = graph.get(name);
    const model = compiled.model;
    const position = { index: index + 1, total: names.length };
    const upstream = compiled.dependsOn.map((dep) => failedRoot.get(dep)).find(Boolean);
    let result: NodeResult;
    let decision: RebuildDecision = { kind: 'full' };
    if (upstream) {
      result = skippedNode(model, upstream);
    } else {
      if (options.decider) decision = await options.decider.decide(compiled);
      if (decision.kind === 'keep') continue;
      onEvent?.({ type: 'node-start', ...position, name, relation: describeNode(model).relation });
      result =
        decision.kind === 'partitions'
          ? {
              ...(await runNode(decision.compiled, context, 'build', decision.partitions)),
              partitions: decision.partitions,
            }
          : await runNode(compiled, context, 'build');
    }
    if (exportDir && exportLayers.has(model.layer)) {
      const exportModel =
        options.exportModel ?? ((m: AnyModel, dir: string) => exportParquet(warehouse, m, dir));
      result = await exportNode(exportModel, model, exportDir, result);
    }
    if (result.status !== 'success') failedRoot.set(name, upstream ?? name);
    await options.decider?.afterNode(compiled, decision, result);
    nodes.push(result);
    onEvent?.({ type: 'node-done', ...position, result });
  }
  const run = finishRun(nodes, startedAt);
  onEvent?.({ type: 'run-done', result: run });
  return run;
}

export function selectedNames(graph: ModelGraph, select: string | readonly string[] | undefined): string[] {
  return select === undefined ? [...graph.names] : selectModels(graph, parseSelection(select, graph.names));
}

export function finishRun(nodes: readonly NodeResult[], startedAt: Date): RunResult {
  const completedAt = new Date();
  return {
    nodes,
    startedAt,
    completedAt,
    elapsed: (completedAt.getTime() - startedAt.getTime()) / 1000,
    success: nodes.every((node) => node.status === 'success'),
  };
}

function skippedNode(model: AnyModel, failedAncestor: string): NodeResult {
  return {
    ...describeNode(model),
    status: 'skipped',
    startedAt: null,
    completedAt: null,
    executionTime: 0,
    rows: null,
    tests: [],
    message: `Skipped because upstream model "${failedAncestor}" failed.`,
    failedAncestor,
    exportPath: null,
  };
}

async function exportNode(
  exportModel: (model: AnyModel, exportDir: string) => Promise<string>,
  model: AnyModel,
  exportDir: string,
  result: NodeResult,
): Promise<NodeResult> {
  if (result.status !== 'success') {
    await removeExport(model, exportDir);
    return result;
  }
  try {
    return { ...result, exportPath: await exportModel(model, exportDir) };
  } catch (error) {
    const storage = storageErrorOf(error);
    if (storage) throw storage; // the marts disk is full or refused: no later export can succeed
    await removeExport(model, exportDir);
    return {
      ...result,
      status: 'error',
      message: `Model "${model.name}" was built but its Parquet export failed: ${(error as Error).message}`,
    };
  }
}
