import { PulseError } from '../errors.js';

export class DagCycleError extends PulseError {
  override readonly name = 'DagCycleError';
}

export class UnknownRefError extends PulseError {
  override readonly name = 'UnknownRefError';
}

/**
 * Orders nodes so that every node comes after its dependencies; ties keep the input order, so the same
 * project always builds in the same order. Throws naming the cycle (`a → b → a`) or the unknown ref.
 */
export function topologicalOrder(dependencies: ReadonlyMap<string, readonly string[]>): string[] {
  for (const [node, deps] of dependencies) {
    for (const dep of deps) {
      if (!dependencies.has(dep)) {
        throw new UnknownRefError(
          `Model "${node}" references "${dep}", which is not a model of this project.`,
        );
      }
    }
  }
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (node: string, path: string[]): void => {
    const current = state.get(node);
    if (current === 'done') return;
    if (current === 'visiting') {
      const cycle = [...path.slice(path.indexOf(node)), node];
      throw new DagCycleError(
        `The models form a cycle: ${cycle.join(' → ')}. Remove one of these references.`,
      );
    }
    state.set(node, 'visiting');
    for (const dep of dependencies.get(node) ?? []) visit(dep, [...path, node]);
    state.set(node, 'done');
    order.push(node);
  };
  for (const node of dependencies.keys()) visit(node, []);
  return order;
}
