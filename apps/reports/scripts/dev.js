#!/usr/bin/env node
// `npm run dev`: Framework's preview server, plus a watch on the marts folder and target/. Framework
// re-runs a data loader only when the loader file changes, not when what it reads does; so when a mart
// or target/*.json changes (a `pulse build` or `pulse refresh` published), this touches the loaders (the
// site's and the account pages') and Framework runs them again and reloads the open pages. The list of
// account pages (dynamicPaths) is read when the preview starts.
import { spawn } from 'node:child_process';
import { existsSync, watch } from 'node:fs';
import { rm, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { APP_DIR, dataPaths } from './lib/paths.js';

const LOADERS = [
  join(APP_DIR, 'src', 'data', '[name].json.js'),
  join(APP_DIR, 'src', 'accounts', '[account].json.js'),
];
const paths = dataPaths();

let pending;
/** A build publishes many files at once: one reload after they settled. */
function touchLoader(changed) {
  clearTimeout(pending);
  pending = setTimeout(async () => {
    const now = new Date();
    for (const loader of LOADERS) await utimes(loader, now, now);
    console.log(`dev: ${changed} changed, data reloads`);
  }, 300);
}

// A publish replaces the marts folder (rename), so the watch is on its parent, filtered by name.
for (const folder of [paths.marts, paths.target]) {
  const parent = join(folder, '..');
  if (!existsSync(parent)) continue;
  watch(parent, { recursive: true }, (_event, file) => {
    const path = join(parent, String(file ?? ''));
    if (path === folder || path.startsWith(`${folder}/`)) touchLoader(path);
  });
}

// The loader output a build left in Framework's cache (scripts/warm-data-cache.js) is stamped with its
// run's time, later than the loaders: the preview served it, whatever PULSE_MARTS_DIR now names, until a
// watched file changed. Without it, Framework runs the loaders over the data this preview was given.
const cache = join(APP_DIR, 'src', '.observablehq', 'cache');
for (const folder of ['data', 'accounts']) await rm(join(cache, folder), { recursive: true, force: true });

const preview = spawn('observable', ['preview', '--no-open', ...process.argv.slice(2)], {
  cwd: APP_DIR,
  stdio: 'inherit',
  env: { ...process.env, OBSERVABLE_TELEMETRY_DISABLE: 'true' },
});
preview.on('exit', (code) => process.exit(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => preview.kill(signal));
