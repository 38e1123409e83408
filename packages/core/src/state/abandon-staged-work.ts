import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACT_FILES } from './leftovers.js';
import { stagedMartsOf } from './staged-publish.js';
import { stagedWarehouseOf } from './staged-warehouse.js';
import { releaseOwnLockSync } from './warehouse-lock.js';

/**
 * What this process's run leaves before its commit point, removed at once and synchronously (a signal
 * handler's work must end before any step of the run can go on): its staged warehouse, its staged marts
 * folder, its staged artifacts (`<file>.partial-<pid>` in `targetDir`, when given: a signal during their
 * writing left them until the next run) and its lock. The published warehouse and marts are not touched;
 * the next run would remove the same leftovers (leftovers.ts), this only spares it the disk space and the
 * stale lock.
 */
export function abandonStagedWorkSync(warehouse: string, exportDir: string, targetDir?: string): void {
  const staged = stagedWarehouseOf(warehouse);
  rmSync(staged, { force: true });
  rmSync(`${staged}.wal`, { force: true });
  rmSync(stagedMartsOf(exportDir), { recursive: true, force: true });
  if (targetDir !== undefined)
    for (const file of ARTIFACT_FILES)
      rmSync(join(targetDir, `${file}.partial-${process.pid}`), { force: true });
  releaseOwnLockSync(warehouse);
}
