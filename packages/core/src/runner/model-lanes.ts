import { UsageError } from '../config/usage-error.js';

/**
 * Two models at once by default: on the 2-core machines Pulse is measured on, two small statements
 * (one core each) fill the machine, and a big one already uses every core by itself. PULSE_MODEL_LANES=1
 * builds one model at a time.
 */
export const DEFAULT_MODEL_LANES = 2;

/** PULSE_MODEL_LANES is not a whole number from 1 to 16. */
export class ModelLanesError extends UsageError {
  override readonly name = 'ModelLanesError';
}

/** How many models a DuckDB build runs at once: PULSE_MODEL_LANES, else the default. */
export function modelLanes(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.PULSE_MODEL_LANES?.trim();
  if (!text) return DEFAULT_MODEL_LANES;
  const lanes = Number(text);
  if (!Number.isInteger(lanes) || lanes < 1 || lanes > 16) {
    throw new ModelLanesError(
      `PULSE_MODEL_LANES is "${text}": set it to a whole number from 1 to 16 (how many models build at once), or unset it for ${DEFAULT_MODEL_LANES}.`,
    );
  }
  return lanes;
}
