// The folder PULSE_REPORTS_DIST names is emptied before each build (Framework only clears an output
// folder inside the working directory). It is emptied only when it is safe to: a folder that does not
// exist yet, an empty one, or an earlier site build (Framework writes `_observablehq/` into each). Any other
// folder is refused: `PULSE_REPORTS_DIST=.` deleted the site's own sources, and a folder holding the
// marts, the warehouse and a user's notes was emptied and the build still exited 0.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';

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
