// Bundles the engine for the `pulse` CLI: `dist/bundle/index.js` (what `@pulse/core` exports) and
// `dist/bundle/run-cli.js` (the CLI), sharing their chunks so a process holds one copy of each module.
// Why: run from TypeScript sources, every CLI process paid ~0.5 s of tsx resolving and loading ~200 small
// files through its loader thread before any work; the bundle loads in a fraction of that. bin/pulse.js
// uses it while it is newer than every source file, and the sources otherwise (see bin/pulse.js).
//
// kysely and zod are bundled apart, each into one file of `dist/bundle/vendor/` that the engine and the
// compiled project (compiled-project.ts) both import, so the process still holds one copy of each: loaded
// from node_modules they were ~450 and ~80 small ES modules, 80 and 45 ms of every `pulse` process.
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { build } from 'esbuild';

const outdir = new URL('../dist/bundle/', import.meta.url).pathname;
const packageDir = new URL('..', import.meta.url).pathname;
rmSync(outdir, { recursive: true, force: true });

/**
 * The packages bundled into `vendor/<name>.js`, each with the entry that re-exports all of it (the same
 * list as VENDORED_PACKAGES in src/project/compiled-project.ts, which maps a project's imports to them).
 */
const VENDORED = {
  kysely: "export * from 'kysely';",
  zod: "export * from 'zod'; export { default } from 'zod';",
};
for (const [name, contents] of Object.entries(VENDORED)) {
  await build({
    stdin: { contents, resolveDir: packageDir, sourcefile: `vendor-${name}.js` },
    outfile: `${outdir}vendor/${name}.js`,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
  });
}

// DuckDB's Node API is CommonJS: imported by name from an ES module, Node first scans its ~40 files for
// their exports (cjs-module-lexer, ~40 ms of every process). Required instead, through a module that
// names its exports (read here, from the same installed package).
const duckdbExports = Object.keys(createRequire(import.meta.url)('@duckdb/node-api')).filter(
  (name) => name !== 'default' && /^[A-Za-z_$][\w$]*$/.test(name),
);
const DUCKDB_BY_REQUIRE = [
  "import { createRequire } from 'node:module';",
  "const api = createRequire(import.meta.url)('@duckdb/node-api');",
  `export const { ${duckdbExports.join(', ')} } = api;`,
].join('\n');

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
  // Dependencies stay in node_modules (DuckDB's binding, pg…), but kysely and zod are the vendor files:
  // one copy of each for the engine and the project.
  packages: 'external',
  plugins: [
    {
      name: 'vendored-packages',
      setup(build) {
        build.onResolve({ filter: /^@duckdb\/node-api$/ }, () => ({ path: 'node-api', namespace: 'duckdb' }));
        build.onLoad({ filter: /.*/, namespace: 'duckdb' }, () => ({
          contents: DUCKDB_BY_REQUIRE,
          resolveDir: packageDir,
          loader: 'js',
        }));
        build.onResolve({ filter: new RegExp(`^(${Object.keys(VENDORED).join('|')})$`) }, (args) => ({
          path: `./vendor/${args.path}.js`,
          external: true,
        }));
      },
    },
  ],
  // Chunks sit beside the entries, so paths relative to a module (`../../package.json`) still resolve.
  chunkNames: '[name]-[hash]',
  sourcemap: 'linked',
  logLevel: 'warning',
});
console.log(`Bundled the pulse CLI into ${outdir}`);
