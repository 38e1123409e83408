import type { CompiledModel } from '../model/compile-model.js';
import type { AnyModel } from '../model/model-definition.js';
import { dependenciesOf } from '../model/model-dependencies.js';
import { topologicalOrder } from './topological-order.js';

/** A node of the graph: a model and the names of the models it depends on. */
export interface GraphNode {
  readonly model: AnyModel;
  readonly dependsOn: readonly string[];
}

/**
 * The checked dependency graph of a project's models, from their declared inputs: every dependency a
 * model of the project, no cycle, nodes in build order. Building one is the "check the DAG" step; it
 * throws `UnknownRefError` or `DagCycleError`. A build's graph holds compiled models; `ModelGraph.ofModels`
 * needs no compiling at all (`pulse ls`).
 */
export class ModelGraph<Node extends GraphNode = CompiledModel> {
  /** Nodes in build order: dependencies first, ties in project order. */
  readonly ordered: readonly Node[];
  readonly #byName: ReadonlyMap<string, Node>;
  readonly #dependents: ReadonlyMap<string, readonly string[]>;

  private constructor(ordered: readonly Node[]) {
    this.ordered = ordered;
    this.#byName = new Map(ordered.map((compiled) => [compiled.model.name, compiled]));
    const dependents = new Map<string, string[]>(ordered.map((compiled) => [compiled.model.name, []]));
    for (const compiled of ordered) {
      for (const dep of compiled.dependsOn) dependents.get(dep)!.push(compiled.model.name);
    }
    this.#dependents = dependents;
  }

  static of<Node extends GraphNode>(nodes: readonly Node[]): ModelGraph<Node> {
    const byName = new Map(nodes.map((node) => [node.model.name, node]));
    const order = topologicalOrder(new Map(nodes.map((node) => [node.model.name, node.dependsOn])));
    return new ModelGraph(order.map((name) => byName.get(name)!));
  }

  /** The graph of models as declared, without compiling a query. */
  static ofModels(models: readonly AnyModel[]): ModelGraph<GraphNode> {
    return ModelGraph.of(models.map((model) => ({ model, dependsOn: dependenciesOf(model) })));
  }

  get names(): readonly string[] {
    return this.ordered.map((compiled) => compiled.model.name);
  }

  has(name: string): boolean {
    return this.#byName.has(name);
  }

  get(name: string): Node {
    const compiled = this.#byName.get(name);
    if (!compiled) throw new Error(`ModelGraph has no model "${name}"`);
    return compiled;
  }

  dependenciesOf(name: string): readonly string[] {
    return this.get(name).dependsOn;
  }

  dependentsOf(name: string): readonly string[] {
    return this.#dependents.get(name) ?? [];
  }

  ancestorsOf(name: string): Set<string> {
    return this.#reach(name, (node) => this.dependenciesOf(node));
  }

  descendantsOf(name: string): Set<string> {
    return this.#reach(name, (node) => this.dependentsOf(node));
  }

  #reach(start: string, next: (node: string) => readonly string[]): Set<string> {
    const seen = new Set<string>();
    const pending = [...next(start)];
    while (pending.length) {
      const node = pending.pop()!;
      if (seen.has(node)) continue;
      seen.add(node);
      pending.push(...next(node));
    }
    return seen;
  }
}
