import { UsageError } from '../config/usage-error.js';
import type { GraphNode, ModelGraph } from './model-graph.js';

export class SelectionError extends UsageError {
  override readonly name = 'SelectionError';
}

/** One `--select` item: `name`, `+name` (with its ancestors), `name+` (with its descendants), `+name+`. */
export interface Selector {
  readonly name: string;
  readonly ancestors: boolean;
  readonly descendants: boolean;
}

const SELECTOR = /^(\+?)([a-z][a-z0-9_]*)(\+?)$/;

/**
 * Parses `--select` values: selectors separated by commas and/or spaces, their union selected. Model
 * names are checked against `known` here, before any work starts.
 */
export function parseSelection(selection: string | readonly string[], known: readonly string[]): Selector[] {
  const items = (typeof selection === 'string' ? [selection] : selection)
    .flatMap((text) => text.split(/[\s,]+/))
    .filter(Boolean);
  if (!items.length)
    throw new SelectionError(
      '--select is empty: give one or more model names, e.g. --select "stg_accounts+".',
    );
  return items.map((item) => {
    const match = SELECTOR.exec(item);
    if (!match) {
      throw new SelectionError(
        `Invalid selector "${item}": use a model name, optionally with + before (its ancestors) and/or after (its descendants), e.g. "+mrr_monthly" or "stg_accounts+".`,
      );
    }
    const name = match[2]!;
    if (!known.includes(name)) {
      throw new SelectionError(
        `Selector "${item}" names no model of this project ("${name}"); \`pulse ls\` lists them.`,
      );
    }
    return { name, ancestors: match[1] === '+', descendants: match[3] === '+' };
  });
}

/** The selected model names, in build order. */
export function selectModels(graph: ModelGraph<GraphNode>, selectors: readonly Selector[]): string[] {
  const selected = new Set<string>();
  for (const { name, ancestors, descendants } of selectors) {
    selected.add(name);
    if (ancestors) for (const node of graph.ancestorsOf(name)) selected.add(node);
    if (descendants) for (const node of graph.descendantsOf(name)) selected.add(node);
  }
  return graph.names.filter((name) => selected.has(name));
}
