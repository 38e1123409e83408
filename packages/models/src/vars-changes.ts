import type { PulseVars } from './config.js';

/**
 * True when the vars differ in more than as_of: any other var (the reporting currency, a health weight…)
 * may change any row. minGroupSize is not among them: only the report site reads it.
 */
export function otherVarsChanged(vars: PulseVars, previousVars: PulseVars): boolean {
  const { asOf: _now, minGroupSize: _shownNow, ...otherNow } = vars;
  const { asOf: _before, minGroupSize: _shownBefore, ...otherBefore } = previousVars;
  return JSON.stringify(otherNow) !== JSON.stringify(otherBefore);
}
