#!/usr/bin/env node
// Runs between the data copy and `observable build`:
// 1. Seeds Framework's npm version cache (src/.observablehq/cache/_npm/<name>@<version>/) from
//    npm-version-seed.json, replacing whatever an earlier online build resolved (see its "why").
// 2. Empties the folder the site is built into (`<PULSE_REPORTS_DIST>.next`, lib/site-output.js): Framework
//    only clears an output folder inside the working directory. The published site is left as it is until
//    scripts/publish-site.js moves the finished build in. Only a new, empty or earlier site folder is used.
import { readFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { APP_DIR } from './lib/paths.js';
import { recordStaging, siteOutputFolders, unsafeSiteFolders } from './lib/site-output.js';

const seed = JSON.parse(readFileSync(join(APP_DIR, 'scripts', 'npm-version-seed.json'), 'utf8'));
const dir = join(APP_DIR, 'src', '.observablehq', 'cache', '_npm');
// The site imports nothing with `npm:`, so this cache holds only version markers: safe to rebuild.
await rm(dir, { recursive: true, force: true });
for (const spec of seed.versions) await mkdir(join(dir, spec), { recursive: true });

const folders = siteOutputFolders();
const unsafe = unsafeSiteFolders(folders);
if (unsafe) {
  const named = process.env.PULSE_REPORTS_DIST
    ? `PULSE_REPORTS_DIST=${process.env.PULSE_REPORTS_DIST}`
    : 'the site';
  console.error(
    `prepare-build: ${named}: ${unsafe}, so it is not emptied for the site. ` +
      'Point PULSE_REPORTS_DIST at a new or empty folder, or at an earlier site build.',
  );
  process.exit(2);
}
recordStaging(folders.staging);
await rm(folders.staging, { recursive: true, force: true });
console.log(`prepare-build: ${seed.versions.length} pinned npm versions, building into ${folders.staging}`);
