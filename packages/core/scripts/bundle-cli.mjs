// Bundles the engine for the `pulse` CLI: `dist/bundle/index.js` (what `@pulse/core` exports) and
// `dist/bundle/run-cli.js` (the CLI), sharing their chunks so a process holds one copy of each module.
// Why: run from TypeScript sources, every CLI process paid ~0.5 s of tsx resolving and loading ~200 small
// files through its loader thread before any work; the bundle loads in a fraction of that. bin/pulse.js
// uses it while it is newer than every source file, and the sources otherwise (see bin/pulse.js).
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

const outdir = new URL('../dist/bundle/', import.meta.url).pathname;
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: {
    index: new URL('../src/index.ts', import.meta.url).pathname,
    'run-cli': new URL('../src/cli/run-cli.ts', import.meta.url).pathname,
  },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Dependencies stay in node_modules: one copy of kysely, zod and DuckDB for the engine and the project.
  packages: 'external',
  // Chunks sit beside the entries, so paths relative to a module (`../../package.json`) still resolve.
  chunkNames: '[name]-[hash]',
  sourcemap: 'linked',
  logLevel: 'warning',
});
console.log(`Bundled the pulse CLI into ${outdir}`);
