// Where the site reads from and writes to. Defaults follow `pulse build`'s layout under the repo
// root; the env overrides let tests (and the lead's sample build) point the site at any output.
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const APP_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const REPO_ROOT = resolve(APP_DIR, '..', '..');

export function dataPaths(env = process.env) {
  const marts = resolve(env.PULSE_MARTS_DIR || join(REPO_ROOT, 'data', 'marts'));
  const companions = companionsOfMarts(marts);
  return {
    marts,
    target: resolve(env.PULSE_ARTIFACTS_DIR || companions.artifacts),
    warehouse: resolve(env.PULSE_WAREHOUSE || companions.warehouse),
    out: join(APP_DIR, 'src', 'data'),
  };
}

/**
 * The warehouse and artifacts folder a marts folder belongs to: the engine's companion rule read
 * backwards (packages/core/src/config/warehouse-companions.ts): `X/marts` → `X/warehouse.duckdb` and
 * `X/target` (`<repo>/target` for the sample's `data/marts`), `X/foo-marts` → `X/foo.duckdb` and
 * `X/foo-target`. Any other name (a `--marts DIR` of the user's choosing) is treated like `marts`.
 * The warehouse is optional: copy-data.js does without it.
 */
export function companionsOfMarts(marts) {
  const dir = dirname(marts);
  const name = basename(marts);
  const stem = name.endsWith('-marts') ? name.slice(0, -'-marts'.length) : '';
  if (stem) return { warehouse: join(dir, `${stem}.duckdb`), artifacts: join(dir, `${stem}-target`) };
  const isSample = dir === join(REPO_ROOT, 'data');
  return {
    warehouse: join(dir, 'warehouse.duckdb'),
    artifacts: isSample ? join(REPO_ROOT, 'target') : join(dir, 'target'),
  };
}
