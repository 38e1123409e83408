import type { Target } from './target-schema.js';

/**
 * met: the value is on the right side of the threshold; breached: it is not; no_data: the mart has the
 * row but no value (e.g. a rate whose denominator is 0) or no row for that month and segment; error: the
 * target cannot be evaluated (the mart or column does not exist, or the mart failed to build).
 */
export type TargetStatus = 'met' | 'breached' | 'no_data' | 'error';

/** One target judged against the latest complete month: what `pulse check`, run_results.json and the site show. */
export interface TargetResult {
  readonly metric: string;
  readonly segment: string;
  readonly operator: Target['operator'];
  readonly threshold: number;
  /** The month judged (first day), or null when as_of is unknown. */
  readonly month: string | null;
  readonly value: number | null;
  readonly status: TargetStatus;
  /** One line, the same in the terminal, in run_results.json and on the site. */
  readonly message: string;
}

/** Breached and unevaluable targets: what makes `pulse check` exit 1. */
export function failingTargets(results: readonly TargetResult[]): readonly TargetResult[] {
  return results.filter((result) => result.status === 'breached' || result.status === 'error');
}

/** Targets without a value in the month judged (their message says why): shown, never failing. */
export function notJudgedTargets(results: readonly TargetResult[]): readonly TargetResult[] {
  return results.filter((result) => result.status === 'no_data');
}

/** The value with at most 4 significant digits, so a message stays readable (the exact value is beside it). */
export function formatTargetNumber(value: number): string {
  return String(Number(value.toPrecision(4)));
}

export function targetMessage(
  target: Target,
  month: string | null,
  outcome: { readonly status: TargetStatus; readonly value: number | null; readonly reason?: string },
): string {
  const where = `${target.metric} [${target.segment}]${month ? ` in ${month.slice(0, 7)}` : ''}`;
  const bound = `target ${target.operator} ${formatTargetNumber(target.threshold)}`;
  switch (outcome.status) {
    case 'met':
      return `${where} is ${formatTargetNumber(outcome.value!)}, ${bound}: met`;
    case 'breached':
      return `${where} is ${formatTargetNumber(outcome.value!)}, ${bound}: BREACHED`;
    case 'no_data':
      return `${where} has no value (${outcome.reason}), ${bound}: not judged`;
    case 'error':
      return `${where} cannot be evaluated: ${outcome.reason}`;
  }
}
