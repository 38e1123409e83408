import { existsSync } from 'node:fs';
import { PulseError } from '../errors.js';
import { journalFileOf } from './staged-publish.js';

/**
 * The warehouse's publish journal is there: a publish is under way, or a run was killed in its middle, and
 * the marts, the warehouse and run_results.json may be of two runs until a run completes it. `pulse
 * digest` (the marts) and `pulse check` (the warehouse) judged such a mix without a word.
 */
export class PublishHalfDoneError extends PulseError {
  override readonly name = 'PublishHalfDoneError';
}

export function assertNoPublishHalfDone(warehouse: string): void {
  const journal = journalFileOf(warehouse);
  if (!existsSync(journal)) return;
  throw new PublishHalfDoneError(
    `A publish of ${warehouse} is half done (${journal} is there): its marts, warehouse and run_results.json ` +
      'may be of two runs. If no refresh is running, run `pulse refresh` to complete it; then run this again.',
  );
}
