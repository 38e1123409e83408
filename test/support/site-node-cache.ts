// Framework bundles the npm packages a site imports from node_modules (d3, Plot, Inputs) into its cache,
// `src/.observablehq/cache/_node`: ~8 CPU-s of a build from an empty cache. The browser suites build a
// dozen sites, each in a copy of its own (site-copy.ts); the first finished build shares its bundles and
// the copies made after it start with them.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The bundles' place in a site folder. */
const NODE_CACHE = join('src', '.observablehq', 'cache', '_node');

/**
 * The shared bundles of this checkout. They depend only on the installed packages, so the folder is named
 * by the lockfile's hash: an install that changes a version starts a new one.
 */
const SHARED = join(
  REPO_ROOT,
  '.tmp',
  'framework-node-cache',
  createHash('sha256')
    .update(readFileSync(join(REPO_ROOT, 'package-lock.json')))
    .digest('hex')
    .slice(0, 16),
);

/** Puts the shared bundles, when some build has shared them, into a new site copy's cache. */
export function seedNodeCache(siteDir: string): void {
  if (existsSync(SHARED)) cpSync(SHARED, join(siteDir, NODE_CACHE), { recursive: true });
}

/**
 * After a build in siteDir, offers its bundles to the copies made from then on. The first finished build
 * wins; the folder appears whole or not at all (a rename), so no copy seeds from half of it.
 */
export function shareNodeCache(siteDir: string): void {
  const built = join(siteDir, NODE_CACHE);
  if (existsSync(SHARED) || !existsSync(built)) return;
  const staged = `${SHARED}.partial-${process.pid}`;
  rmSync(staged, { recursive: true, force: true });
  cpSync(built, staged, { recursive: true });
  try {
    renameSync(staged, SHARED);
  } catch {
    // Another suite's build shared first: the same packages, the same bundles.
    rmSync(staged, { recursive: true, force: true });
  }
}
