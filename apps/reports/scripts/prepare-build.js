#!/usr/bin/env node
// Runs between the data copy and `observable build`:
// 1. Seeds Framework's npm version cache (src/.observablehq/cache/_npm/<name>@<version>/) from
//    npm-version-seed.json, replacing whatever an earlier online build resolved (see its "why").
// 2. Empties PULSE_REPORTS_DIST: Framework only clears an output folder inside the working directory
//    and otherwise fails on the previous build's files. Only a new, empty or earlier site folder
//    (lib/site-output.js); it runs after the data is read (package.json), so bad marts leave it as it was.
import { readFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { APP_DIR } from './lib/paths.js';
import { unsafeSiteOutput } from './lib/site-output.js';

const seed = JSON.parse(readFileSync(join(APP_DIR, 'scripts', 'npm-version-seed.json'), 'utf8'));
const dir = join(APP_DIR, 'src', '.observablehq', 'cache', '_npm');
// The site imports nothing with `npm:`, so this cache holds only version markers: safe to rebuild.
await rm(dir, { recursive: true, force: true });
for (const spec of seed.versions) await mkdir(join(dir, spec), { recursive: true });

const output = process.env.PULSE_REPORTS_DIST;
if (output) {
  const target = resolve(APP_DIR, output);
  const unsafe = unsafeSiteOutput(target, APP_DIR);
  if (unsafe) {
    console.error(
      `prepare-build: PULSE_REPORTS_DIST=${output}: ${unsafe}, so it is not emptied for the site. ` +
        'Point PULSE_REPORTS_DIST at a new or empty folder, or at an earlier site build.',
    );
    process.exit(2);
  }
  await rm(target, { recursive: true, force: true });
}
console.log(
  `prepare-build: ${seed.versions.length} pinned npm versions${output ? `, emptied ${output}` : ''}`,
);
