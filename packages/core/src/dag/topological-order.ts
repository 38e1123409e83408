import { DagCycleError, UnknownRefError } from './dag-errors.js';

/**
 * Orders nodes so that every node comes after its dependencies; ties keep the input order, so the same
 * project always builds in the same order. Throws naming the cycle (`a → b → a`) or the unknown ref.
 */
export function topologicalOrder(dependencies: ReadonlyMap<string, readonly string[]>): string[] {
  const known = [...dependencies.keys()];
  for (const [node, deps] of dependencies) {
    for (const dep of deps) {
      if (!dependencies.has(dep)) throw new UnknownRefError(node, dep, known);
    }
  }
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (node: string, path: string[]): void => {
    const current = state.get(node);
    if (current === 'done') return;
    if (current === 'visiting') throw new DagCycleError([...path.slice(path.indexOf(node)), node]);
    state.set(node, 'visiting');
    for (const dep of dependencies.get(node) ?? []) visit(dep, [...path, node]);
    state.set(node, 'done');
    order.push(node);
  };
  for (const node of dependencies.keys()) visit(node, []);
  return order;
}
