/** Every package's and app's own source: the engine, the models and the site. */
const SOURCE_FOLDERS = '^(packages|apps)/[^/]+/src/';

/**
 * Import rules of the repo, checked by `npm test` (`npm run lint:imports`): the layering the architecture
 * promises stays true without anyone watching. Type-only imports count: they couple folders too.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-folder-cycle',
      comment:
        'Two folders of a package (or of the site) import each other (directly or through others). Move what ' +
        'both need into a folder both may import (e.g. state/), or pass it in as a small interface.',
      severity: 'error',
      scope: 'folder',
      from: { path: SOURCE_FOLDERS },
      to: { circular: true },
    },
    {
      name: 'no-file-cycle',
      comment:
        'Two files of a package (or of the site) import each other (directly or through others). Give what ' +
        'one needs of the other a file of its own (sources/source-config.ts is an example).',
      severity: 'error',
      from: { path: SOURCE_FOLDERS },
      to: { circular: true },
    },
    {
      name: 'dialect-stands-alone',
      comment:
        'The DuckDB dialect could be published as a package of its own: dialect/ imports nothing else of ' +
        'Pulse (its errors live in dialect/dialect-errors.ts).',
      severity: 'error',
      from: { path: '^packages/core/src/dialect/' },
      to: { path: '^packages/core/src/', pathNot: '^packages/core/src/dialect/' },
    },
    {
      name: 'core-not-to-models',
      comment:
        'The engine loads a project by module name (project/load-project.ts); it never imports @pulse/models. ' +
        'Give the engine what it needs through ProjectDefinition instead.',
      severity: 'error',
      from: { path: '^packages/core/(src|bin)/' },
      to: { path: '^packages/models/' },
    },
    {
      name: 'core-not-to-apps',
      comment: 'The engine knows nothing of the report site: the site reads Parquet and target/*.json.',
      severity: 'error',
      from: { path: '^packages/core/' },
      to: { path: '^apps/' },
    },
    {
      name: 'models-not-to-apps',
      comment: 'The models feed the site, never the other way: the site reads Parquet and target/*.json.',
      severity: 'error',
      from: { path: '^packages/models/' },
      to: { path: '^apps/' },
    },
    {
      name: 'staging-not-to-later-layers',
      comment:
        'Data flows one way (raw -> staging -> intermediate -> marts): a staging model reads only raw sources.',
      severity: 'error',
      from: { path: '^packages/models/src/staging/' },
      to: { path: '^packages/models/src/(intermediate|marts)/' },
    },
    {
      name: 'intermediate-not-to-marts',
      comment:
        'Data flows one way (raw -> staging -> intermediate -> marts): marts build on intermediate models.',
      severity: 'error',
      from: { path: '^packages/models/src/intermediate/' },
      to: { path: '^packages/models/src/marts/' },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import the cruiser cannot resolve would hide a broken rule: fix the path.',
      severity: 'error',
      from: { path: '^(packages|apps)/' },
      // Observable Framework's own modules (observablehq:stdlib) exist only inside the site's build.
      to: { couldNotResolve: true, pathNot: '^observablehq:' },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    // Workspace packages (@pulse/models) resolve through node_modules symlinks to their folders.
    preserveSymlinks: false,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|\\.observablehq)/' },
    // Folder-scope rules (the folder cycles) need the folder metrics.
    metrics: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'],
    },
    tsConfig: { fileName: 'tsconfig.base.json' },
  },
};
