import type { CompiledModel } from '../model/compile-model.js';
import { UnknownRefError } from './dag-errors.js';
import { topologicalOrder } from './topological-order.js';

/**
 * The checked dependency graph of a project's compiled models: every ref resolved, no cycle, nodes in
 * build order. Building one is the "check the DAG" step; it throws `UnknownRefError` or `DagCycleError`.
 */
export class ModelGraph {
  /** Compiled models in build order: dependencies first, ties in project order. */
  readonly ordered: readonly CompiledModel[];
  readonly #byName: ReadonlyMap<string, CompiledModel>;
  readonly #dependents: ReadonlyMap<string, readonly string[]>;

  private constructor(ordered: readonly CompiledModel[]) {
    this.ordered = ordered;
    this.#byName = new Map(ordered.map((compiled) => [compiled.model.name, compiled]));
    const dependents = new Map<string, string[]>(ordered.map((compiled) => [compiled.model.name, []]));
    for (const compiled of ordered) {
      for (const dep of compiled.dependsOn) dependents.get(dep)!.push(compiled.model.name);
    }
    this.#dependents = dependents;
  }

  static of(compiled: readonly CompiledModel[]): ModelGraph {
    const known = compiled.map((c) => c.model.name);
    for (const c of compiled) {
      const [ref] = c.unresolvedRefs;
      if (ref !== undefined) throw new UnknownRefError(c.model.name, ref, known);
    }
    const byName = new Map(compiled.map((c) => [c.model.name, c]));
    const order = topologicalOrder(new Map(compiled.map((c) => [c.model.name, c.dependsOn])));
    return new ModelGraph(order.map((name) => byName.get(name)!));
  }

  get names(): readonly string[] {
    return this.ordered.map((compiled) => compiled.model.name);
  }

  has(name: string): boolean {
    return this.#byName.has(name);
  }

  get(name: string): CompiledModel {
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
