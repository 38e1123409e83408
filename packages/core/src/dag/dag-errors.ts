import { PulseError } from '../errors.js';

export class DagCycleError extends PulseError {
  override readonly name = 'DagCycleError';
  /** The models of the cycle in reference order, the first repeated at the end: `[a, b, a]`. */
  readonly cycle: readonly string[];

  constructor(cycle: readonly string[]) {
    super(`The models form a cycle: ${cycle.join(' → ')}. Remove one of these references.`);
    this.cycle = cycle;
  }
}

export class UnknownRefError extends PulseError {
  override readonly name = 'UnknownRefError';
  readonly model: string;
  readonly ref: string;

  constructor(model: string, ref: string, known: readonly string[] = []) {
    const suggestion = closestName(ref, known);
    super(
      `Model "${model}" references "${ref}", which is not a model of this project` +
        (suggestion ? ` (did you mean "${suggestion}"?)` : '') +
        '. Fix the name, or qualify a table that is not a model with its schema (e.g. raw.accounts).',
    );
    this.model = model;
    this.ref = ref;
  }
}

/** The known name within edit distance 2 of `name`, if any: most typos are one or two keystrokes. */
function closestName(name: string, known: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(name, candidate);
    if (distance <= 2 && (!best || distance < best.distance)) best = { name: candidate, distance };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}
