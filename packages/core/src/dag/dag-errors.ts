import { closestMatch } from '../config/did-you-mean.js';
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
    const suggestion = closestMatch(ref, known);
    super(
      `Model "${model}" references "${ref}", which is not a model of this project` +
        (suggestion ? ` (did you mean "${suggestion}"?)` : '') +
        '. Add that model to the project, or fix the name (a relationships test to a table that is not a ' +
        'model names it with its schema, e.g. raw.accounts).',
    );
    this.model = model;
    this.ref = ref;
  }
}
