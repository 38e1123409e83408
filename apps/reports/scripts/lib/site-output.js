// Where a site build writes, and which folders it may empty.
//
// The site is built into a staging folder beside the published one (`<site>.next`) and replaces it only
// once whole (scripts/publish-site.js): a build that fails at any step (damaged marts, a Framework error,
// a killed process) leaves the last site as it was. Framework clears an output folder inside the working
// directory itself and leaves any other one as it is, so prepare-build empties the staging folder.
//
// A folder is emptied or replaced only when it is safe to: a folder that does not exist yet, an empty one,
// or an earlier site build (Framework writes `_observablehq/` into each). Any other folder is refused:
// `PULSE_REPORTS_DIST=.` deleted the site's own sources, and a folder holding the marts, the warehouse and
// a user's notes was emptied and the build still exited 0.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { APP_DIR } from './paths.js';

/**
 * The staging folders site builds of this site folder have used. A build that fails in Framework leaves
 * its staging folder half written (`_file/`, `_import/`, no `_observablehq/`): it is still ours to empty,
 * and the next build must not refuse it as a folder of other files.
 */
// Beside the site's sources, not in Framework's cache (src/.observablehq/), which users delete to clear it.
const stagingRecord = (appDir) => join(appDir, '.pulse-staging-folders.json');

function recordedStaging(appDir) {
  try {
    const folders = JSON.parse(readFileSync(stagingRecord(appDir), 'utf8'));
    return Array.isArray(folders) ? folders : [];
  } catch {
    return [];
  }
}

/** Records `staging` as a folder this site's builds write (before a build writes into it). */
export function recordStaging(staging, appDir = APP_DIR) {
  const folders = recordedStaging(appDir);
  if (folders.includes(staging)) return;
  mkdirSync(dirname(stagingRecord(appDir)), { recursive: true });
  // The latest few: a folder of builds long past is not worth keeping, and the file stays small.
  writeFileSync(stagingRecord(appDir), `${JSON.stringify([...folders, staging].slice(-20), null, 2)}\n`);
}

/**
 * The published site (PULSE_REPORTS_DIST, default `dist` in the site's folder), the folder it is built
 * into, and the name the published one has while the new one is moved in.
 */
export function siteOutputFolders(env = process.env, appDir = APP_DIR) {
  const published = resolve(appDir, env.PULSE_REPORTS_DIST || 'dist');
  return { published, staging: `${published}.next`, retired: `${published}.old` };
}

/** Why `target` may not be emptied for the site's output, or undefined when it may. */
export function unsafeSiteOutput(target, appDir) {
  const folder = resolve(target);
  if (folder === resolve('/') || folder === appDir || appDir.startsWith(`${folder}${sep}`))
    return `${folder} holds the site's own sources`;
  if (!existsSync(folder)) return undefined;
  if (!statSync(folder).isDirectory()) return `${folder} is a file, not a folder`;
  const entries = readdirSync(folder);
  if (entries.length === 0 || entries.includes('_observablehq')) return undefined;
  const shown = entries.slice(0, 3).join(', ') + (entries.length > 3 ? ', …' : '');
  return `${folder} is neither empty nor an earlier site build (it holds ${shown})`;
}

/** Why a build may not use these folders (the first one refused), or undefined when it may. */
export function unsafeSiteFolders(folders, appDir = APP_DIR) {
  for (const folder of [folders.published, folders.staging, folders.retired]) {
    const unsafe = unsafeSiteOutput(folder, appDir);
    if (unsafe && folder === folders.staging && !recordedStaging(appDir).includes(folder))
      return `${unsafe}; if it is a site build that stopped half way, delete it`;
    if (unsafe && folder !== folders.staging) return unsafe;
  }
  return undefined;
}
