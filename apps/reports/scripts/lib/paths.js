// Where the site reads from and writes to. Defaults follow `pulse build`'s layout under the repo
// root; the env overrides let tests (and the lead's sample build) point the site at any output.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const APP_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const REPO_ROOT = resolve(APP_DIR, '..', '..');

export function dataPaths(env = process.env) {
  const marts = resolve(env.PULSE_MARTS_DIR || join(REPO_ROOT, 'data', 'marts'));
  return {
    marts,
    target: resolve(env.PULSE_TARGET_DIR || join(REPO_ROOT, 'target')),
    warehouse: resolve(env.PULSE_WAREHOUSE || join(dirname(marts), 'warehouse.duckdb')),
    out: join(APP_DIR, 'src', 'data'),
  };
}
