import type { NodeResult, RunEvent, RunResult } from '../artifacts/run-result.js';
import type { ModelGraph } from '../dag/model-graph.js';
import { parseSelection, selectModels } from '../dag/select-models.js';
import type { CompiledModel } from '../model/compile-model.js';
import { relationOf, schemaByRelationOf, schemaOf } from '../model/compile-model.js';
import type { AnyModel, Layer } from '../model/model-definition.js';
import { storageErrorOf } from '../storage-error.js';
import { quoteIdentifier } from '../testing/compile-data-test.js';
import type { ModelWarehouse } from '../warehouse/model-warehouse.js';
import { compileGraph } from './build-models.js';
import { exportParquet, removeExport } from './export-parquet.js';
import { runInLanes } from './lane-schedule.js';
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
  /** Decides per model whether to keep it as the warehouse has it, rebuild it or rebuild some partitions. */
  readonly decider?: NodeDecider;
  /** The models already compiled for these vars (`compileGraph`), so a caller that needs them compiles once. */
  readonly graph?: ModelGraph;
  /**
   * Writes a built model's Parquet copy and returns its path; default: DuckDB's `copy … to` from the
   * warehouse itself. A PostgreSQL build passes one that reads the rows out of the server.
   */
  readonly exportModel?: (model: AnyModel, exportDir: string) => Promise<string>;
  /**
   * How many models may build at once, each on its own connection (default 1). Used only where the
   * warehouse opens sibling connections (DuckDB) and is not inside a transaction.
   */
  readonly lanes?: number;
}

/**
 * What to do with one model: keep its relation as the warehouse has it, build it whole, or build only
 * some partitions (with the model compiled for them).
 */
export type NodeDecision =
  | { readonly kind: 'keep' }
  | { readonly kind: 'full' }
  | { readonly kind: 'partitions'; readonly partitions: readonly string[]; readonly compiled: CompiledModel };

/** Asked before each selected model is built, told after. */
export interface NodeDecider {
  decide(compiled: CompiledModel): Promise<NodeDecision>;
  afterNode(compiled: CompiledModel, decision: NodeDecision, result: NodeResult): Promise<void>;
}

/**
 * Builds the selected models in dependency order: materialise, check the contract, run the tests,
 * export. A failed model marks only its descendants `skipped`; unrelated branches still build. Throws
 * only before anything is built (an unknown ref, a cycle or a bad selector) or when storage fails.
 *
 * With `lanes` above 1 (and an engine that opens sibling connections), models whose inputs are all
 * built run beside each other, each on its own connection: most of a build's ~35 models and ~290 tests
 * are small statements that keep one core busy, while DuckDB already spreads each big one over every
 * core. The ready model that reads most rows starts first and no two very big ones run at once
 * (lane-schedule.ts); results and `node-done` events come in build order whatever order the models
 * finish in, so a run's artifacts and output do not depend on timing.
 */
export async function runBuild(options: RunBuildOptions): Promise<RunResult> {
  const { warehouse, models, vars, exportDir, onEvent } = options;
  const exportLayers = new Set(options.exportLayers ?? ['marts']);
  const startedAt = new Date();
  const graph = options.graph ?? compileGraph(warehouse, models, vars);
  const names = selectedNames(graph, options.select);
  const schemaByRelation = schemaByRelationOf(models);
  onEvent?.({ type: 'run-start', total: names.length, names });
  /** Each failed or skipped model → the failed model that is the root cause. */
  const failedRoot = new Map<string, string>();

  /** Builds `names[index]` on `lane`; undefined when the decider keeps the model as it is. */
  const buildOne = async (index: number, lane: ModelWarehouse): Promise<NodeResult | undefined> => {
    const name = names[index]!;
    const compiled = graph.get(name);
    const model = compiled.model;
    const upstream = compiled.dependsOn.map((dep) => failedRoot.get(dep)).find(Boolean);
    let result: NodeResult;
    let decision: NodeDecision = { kind: 'full' };
    if (upstream) {
      result = skippedNode(model, upstream);
    } else {
      if (options.decider) decision = await options.decider.decide(compiled);
      if (decision.kind === 'keep') return undefined;
      onEvent?.({
        type: 'node-start',
        index: index + 1,
        total: names.length,
        name,
        relation: describeNode(model).relation,
      });
      const context = { warehouse: lane, schemaByRelation, vars };
      result =
        decision.kind === 'partitions'
          ? {
              ...(await runNode(decision.compiled, context, 'build', decision.partitions)),
              partitions: decision.partitions,
            }
          : await runNode(compiled, context, 'build');
    }
    if (exportDir && exportLayers.has(model.layer)) {
      const exportModel = options.exportModel ?? ((m: AnyModel, dir: string) => exportParquet(lane, m, dir));
      result = await exportNode(exportModel, model, exportDir, result);
    }
    if (result.status !== 'success') failedRoot.set(name, upstream ?? name);
    await options.decider?.afterNode(compiled, decision, result);
    return result;
  };

  const nodes: NodeResult[] = [];
  /** Per index: the finished node, `null` when kept; reported in build order as the prefix completes. */
  const finished: (NodeResult | null | undefined)[] = new Array(names.length);
  let reported = 0;
  const reportInOrder = () => {
    for (; reported < names.length && finished[reported] !== undefined; reported++) {
      const result = finished[reported];
      if (!result) continue;
      nodes.push(result);
      onEvent?.({ type: 'node-done', index: reported + 1, total: names.length, result });
    }
  };
  const siblings = await siblingsOf(warehouse, Math.min(options.lanes ?? 1, names.length) - 1);
  if (siblings.length) {
    // Two connections creating the same schema at once is a catalog write-write conflict in DuckDB:
    // every schema the models write is created before they start.
    const schemas = new Set(names.map((name) => schemaOf(graph.get(name).model)));
    for (const schema of schemas) await warehouse.exec(`create schema if not exists "${schema}"`);
  }
  // Rows per model built or kept in this run, and per relation read from outside it (lanes only).
  const rowsByRelation = new Map<string, number>();
  const rowsRead = (index: number) => {
    const compiled = graph.get(names[index]!);
    return [...compiled.dependsOn, ...compiled.externalReads].reduce(
      (sum, relation) => sum + (rowsByRelation.get(relation) ?? 0),
      0,
    );
  };
  if (siblings.length) {
    const outside = new Set(
      names.flatMap((name) => {
        const compiled = graph.get(name);
        return [...compiled.externalReads, ...compiled.dependsOn.filter((dep) => !names.includes(dep))];
      }),
    );
    for (const relation of outside) {
      const qualified = relation.includes('.')
        ? relation.split('.').map(quoteIdentifier).join('.')
        : relationOf(graph.get(relation).model);
      rowsByRelation.set(relation, await rowCount(warehouse, qualified));
    }
  }
  try {
    await runInLanes({
      names,
      dependsOn: (name) => graph.get(name).dependsOn,
      lanes: [warehouse, ...siblings],
      rowsRead: siblings.length ? rowsRead : undefined,
      work: async (index, lane) => {
        const result = await buildOne(index, lane);
        const name = names[index]!;
        // A kept model is read as it is: counted on its lane, which is free.
        const rows = result
          ? result.rows
          : siblings.length
            ? await rowCount(lane, relationOf(graph.get(name).model))
            : 0;
        rowsByRelation.set(name, rows ?? 0);
        finished[index] = result ?? null;
        reportInOrder();
      },
    });
  } finally {
    for (const sibling of siblings) await sibling.close();
  }
  const run = finishRun(nodes, startedAt);
  onEvent?.({ type: 'run-done', result: run });
  return run;
}

/** Rows of a relation (`schema.name`, as written), 0 when it cannot be counted (e.g. it does not exist). */
async function rowCount(warehouse: ModelWarehouse, relation: string): Promise<number> {
  try {
    const [row] = await warehouse.query<{ rows: number | bigint }>(
      `select count(*) as rows from ${relation}`,
    );
    return Number(row?.rows ?? 0);
  } catch {
    return 0;
  }
}

/** Up to `count` sibling connections of the warehouse (none when its engine has no such thing). */
async function siblingsOf(
  warehouse: ModelWarehouse,
  count: number,
): Promise<(ModelWarehouse & { close(): Promise<void> })[]> {
  const siblings: (ModelWarehouse & { close(): Promise<void> })[] = [];
  if (!warehouse.sibling) return siblings;
  for (let i = 0; i < count; i++) siblings.push(await warehouse.sibling());
  return siblings;
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
