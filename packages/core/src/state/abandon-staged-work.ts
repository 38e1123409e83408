import { rmSync } from 'node:fs';
import { stagedMartsOf } from './staged-publish.js';
import { stagedWarehouseOf } from './staged-warehouse.js';
import { releaseOwnLockSync } from './warehouse-lock.js';

/**
 * What this process's run leaves before its commit point, removed at once and synchronously (a signal
 * handler's work must end before any step of the run can go on): its staged warehouse, its staged marts
 * folder and its lock. The published warehouse and marts are not touched; the next run would remove the
 * same leftovers (leftovers.ts), this only spares it the disk space and the stale lock.
 */
export function abandonStagedWorkSync(warehouse: string, exportDir: string): void {
  const staged = stagedWarehouseOf(warehouse);
  rmSync(staged, { force: true });
  rmSync(`${staged}.wal`, { force: true });
  rmSync(stagedMartsOf(exportDir), { recursive: true, force: true });
  releaseOwnLockSync(warehouse);
}
