#!/usr/bin/env node
// Seeds Framework's npm version cache (src/.observablehq/cache/_npm/<name>@<version>/) from
// npm-version-seed.json, replacing whatever an earlier online build resolved. See the file's "why".
import { readFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { APP_DIR } from './lib/paths.js';

const seed = JSON.parse(readFileSync(join(APP_DIR, 'scripts', 'npm-version-seed.json'), 'utf8'));
const dir = join(APP_DIR, 'src', '.observablehq', 'cache', '_npm');
// The site imports nothing with `npm:`, so this cache holds only version markers: safe to rebuild.
await rm(dir, { recursive: true, force: true });
for (const spec of seed.versions) await mkdir(join(dir, spec), { recursive: true });
console.log(`seed-npm-cache: ${seed.versions.length} pinned versions → ${dir}`);
