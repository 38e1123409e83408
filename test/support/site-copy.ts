// A private copy of the report site's sources per browser suite. The build writes the data loader's
// output into src/.observablehq/cache next to the pages, so two suites building the one apps/reports at
// the same time would overwrite each other's data (and one deletes the cache the other builds from). Each copy has its own; it lives under <repo>/.tmp (git-ignored) so Framework
// and Node still resolve the workspace's node_modules by walking up.
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { REPO_ROOT, REPORTS_DIR } from './site-build.js';
import { seedNodeCache } from './site-node-cache.js';

/** What a build reads; generated folders (Framework's cache with the loader output, dist) are never copied. */
const SOURCES = ['package.json', 'observablehq.config.js', 'scripts', 'src'];
const GENERATED = [join('src', '.observablehq')];

/**
 * A copy whose Framework cache starts with the npm bundles an earlier build shared (site-node-cache.ts),
 * unless `cold`: its build then bundles them itself, as a user's first build does.
 */
export function copySite(name: string, { cold = false } = {}): string {
  const dir = join(REPO_ROOT, '.tmp', 'sites', `${name}-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const entry of SOURCES) {
    cpSync(join(REPORTS_DIR, entry), join(dir, entry), {
      recursive: true,
      filter: (source) => {
        const path = relative(REPORTS_DIR, source);
        return !GENERATED.some((g) => path === g || path.startsWith(`${g}${sep}`));
      },
    });
  }
  if (!cold) seedNodeCache(dir);
  return dir;
}
