// The raw export folder of each scale: S is the bundled sample; M and L are generated once and cached,
// so a clean clone generates them on first use and later runs reuse them.
import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Scale } from './args.js';
import { measure } from './measure.js';
import { CACHE_DIR, PULSE_BIN, REPO_ROOT } from './paths.js';

const ACCOUNTS: Record<Exclude<Scale, 'S'>, number> = { M: 10_000, L: 100_000, XL: 300_000 };

/** Arguments of `pulse generate` for a scale (S is not generated). */
export function generateArgs(scale: Exclude<Scale, 'S'>): string[] {
  const out = join('bench', '.cache', scale);
  return ['generate', '--out', out, '--accounts', String(ACCOUNTS[scale]), '--months', '24', '--seed', '1'];
}

export async function ensureDataset(scale: Scale): Promise<string> {
  if (scale === 'S') return join(REPO_ROOT, 'data', 'raw');
  const dir = join(CACHE_DIR, scale);
  // The marker is written last: an interrupted generation is redone rather than benchmarked half-written.
  const marker = join(dir, '.complete');
  if (existsSync(marker)) return dir;
  await rm(dir, { recursive: true, force: true });
  console.log(`generating ${scale} into ${dir} (first use)…`);
  const run = await measure([process.execPath, PULSE_BIN, ...generateArgs(scale)], { cwd: REPO_ROOT });
  if (run.exitCode !== 0) throw new Error(`pulse generate failed:\n${run.stderr}`);
  await writeFile(marker, `${new Date().toISOString()}\n`);
  return dir;
}
