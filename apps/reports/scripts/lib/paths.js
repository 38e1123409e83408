// Where the site reads from. Defaults follow `pulse build`'s layout under the repo
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
    runLog: resolve(env.PULSE_RUN_LOG || companions.runLog),
  };
}

/**
 * The artifacts folder and run log a marts folder belongs to: the engine's companion rule read backwards
 * (packages/core/src/config/warehouse-companions.ts): `X/marts` → `X/target` (`<repo>/target` for the
 * sample's `data/marts`), `X/foo-marts` → `X/foo-target`. Any other name (a `--marts DIR` of the user's
 * choosing) is treated like `marts`. The site never opens the warehouse.
 */
export function companionsOfMarts(marts) {
  const dir = dirname(marts);
  const name = basename(marts);
  const stem = name.endsWith('-marts') ? name.slice(0, -'-marts'.length) : '';
  if (stem) return { artifacts: join(dir, `${stem}-target`), runLog: join(dir, `${stem}-runs.jsonl`) };
  return {
    artifacts: dir === join(REPO_ROOT, 'data') ? join(REPO_ROOT, 'target') : join(dir, 'target'),
    runLog: join(dir, 'pulse-runs.jsonl'),
  };
}
