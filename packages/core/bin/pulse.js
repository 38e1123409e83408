#!/usr/bin/env node
// The `pulse` CLI. `npx turbo build` bundles the engine into dist/bundle (scripts/bundle-cli.mjs); while
// that bundle is newer than every source file it runs, otherwise the TypeScript sources run through tsx
// (a checkout without a build, or sources edited since). PULSE_FROM_SOURCE=1 forces the sources.
import { readdirSync, statSync } from 'node:fs';

const bundle = new URL('../dist/bundle/run-cli.js', import.meta.url);
const sources = new URL('../src/', import.meta.url);

if (process.env.PULSE_FROM_SOURCE !== '1' && bundleIsFresh()) {
  await import(bundle.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/run-cli.ts');
}

/** True when the bundle exists and no source file changed after it was written (~2 ms for ~200 files). */
function bundleIsFresh() {
  let built;
  try {
    built = statSync(bundle).mtimeMs;
  } catch {
    return false;
  }
  for (const entry of readdirSync(sources, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    if (statSync(`${entry.parentPath ?? entry.path}/${entry.name}`).mtimeMs > built) return false;
  }
  return true;
}
