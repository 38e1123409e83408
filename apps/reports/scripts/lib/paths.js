// Where the site reads from and writes to. Defaults follow `pulse build`'s layout under the repo
// root; the env overrides let tests (and the lead's sample build) point the site at any output.
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const APP_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const REPO_ROOT = resolve(APP_DIR, '..', '..');

export function dataPaths(env = process.env) {
  const marts = resolve(env.PULSE_MARTS_DIR || join(REPO_ROOT, 'data', 'marts'));
  return {
    marts,
    target: resolve(env.PULSE_TARGET_DIR || join(REPO_ROOT, 'target')),
    warehouse: resolve(env.PULSE_WAREHOUSE || warehouseOf(marts)),
    out: join(APP_DIR, 'src', 'data'),
  };
}

/**
 * The warehouse a marts folder belongs to: the inverse of the engine's default marts folder
 * (packages/core/src/config/resolve-paths.ts, defaultMartsOf): `X/marts` → `X/warehouse.duckdb`,
 * `X/foo-marts` → `X/foo.duckdb`. Any other name (a `--marts DIR` of the user's choosing) keeps
 * `warehouse.duckdb` beside it. The warehouse is optional: copy-data.js does without it.
 */
export function warehouseOf(marts) {
  const name = basename(marts);
  const stem = name.endsWith('-marts') ? name.slice(0, -'-marts'.length) : '';
  return join(dirname(marts), stem ? `${stem}.duckdb` : 'warehouse.duckdb');
}
