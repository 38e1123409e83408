import type { PulsePaths } from '../config/resolve-paths.js';
import { removeLeftovers } from './leftovers.js';
import { recoverInterruptedPublish } from './staged-publish.js';

export interface SettleCallbacks {
  readonly onProgress?: (message: string) => void;
  readonly onWarning?: (message: string) => void;
}

/**
 * What every command that publishes does first, holding `<warehouse>.lock`: complete (or, when stale,
 * drop) a publish a killed run committed to, then remove what dead runs left behind (beside the warehouse,
 * beside and in its marts folder, in its artifacts folder). Doing it before
 * anything else means no later publish can ever happen while a journal is pending, so a journal can
 * never roll an old warehouse over a newer one.
 */
export async function settlePreviousRuns(paths: PulsePaths, callbacks: SettleCallbacks = {}): Promise<void> {
  const journal = await recoverInterruptedPublish(paths.warehouse);
  if (journal === 'completed') callbacks.onWarning?.('completed the publish of a run that was interrupted');
  if (journal === 'dropped')
    callbacks.onWarning?.(
      'dropped the publish journal of a run that was interrupted: a newer warehouse was published since',
    );
  const { removed, stuck } = await removeLeftovers(paths.warehouse, paths.exportDir, paths.targetDir);
  for (const path of removed) callbacks.onProgress?.(`removed ${path}, left by a run that did not finish`);
  for (const path of stuck)
    callbacks.onWarning?.(
      `could not remove ${path}, left by an earlier run (is it read-only?): it is not used; remove it by hand`,
    );
}
