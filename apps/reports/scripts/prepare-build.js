#!/usr/bin/env node
// Runs between the data copy and `observable build`:
// 1. Seeds Framework's npm version cache (src/.observablehq/cache/_npm/<name>@<version>/) from
//    npm-version-seed.json, replacing whatever an earlier online build resolved (see its "why").
// 2. Empties PULSE_REPORTS_DIST: Framework only clears an output folder inside the working directory
//    and otherwise fails on the previous build's files.
import { readFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { APP_DIR } from './lib/paths.js';

const seed = JSON.parse(readFileSync(join(APP_DIR, 'scripts', 'npm-version-seed.json'), 'utf8'));
const dir = join(APP_DIR, 'src', '.observablehq', 'cache', '_npm');
// The site imports nothing with `npm:`, so this cache holds only version markers: safe to rebuild.
await rm(dir, { recursive: true, force: true });
for (const spec of seed.versions) await mkdir(join(dir, spec), { recursive: true });

const output = process.env.PULSE_REPORTS_DIST;
if (output) {
  const target = resolve(APP_DIR, output);
  if (target === '/' || APP_DIR.startsWith(`${target}/`)) throw new Error(`refusing to empty ${target}`);
  await rm(target, { recursive: true, force: true });
}
console.log(
  `prepare-build: ${seed.versions.length} pinned npm versions${output ? `, emptied ${output}` : ''}`,
);
