// The repo's import rules (.dependency-cruiser.cjs, run by `npm test` as `npm run lint:imports`): the repo
// keeps them, and each rule really fires, shown on a small tree that breaks exactly that rule.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CRUISER = join(REPO, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const CONFIG = join(REPO, '.dependency-cruiser.cjs');
const work = mkdtempSync(join(tmpdir(), 'pulse-import-rules-'));

afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Violation {
  readonly rule: { readonly name: string };
  readonly from: string;
  readonly to: string;
}

/** Cruises `folders` of `root` with the repo's config, as `npm run lint:imports` does. */
async function violationsIn(root: string, folders: readonly string[]): Promise<Violation[]> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [CRUISER, ...folders, '--config', CONFIG, '--output-type', 'json'],
    { cwd: root, maxBuffer: 64 * 1024 * 1024 },
  ).catch((error: { stdout?: string }) => {
    // The cruiser exits non-zero when it finds violations; its JSON report is still on stdout.
    if (error.stdout) return { stdout: error.stdout };
    throw error;
  });
  return (JSON.parse(stdout) as { summary: { violations: Violation[] } }).summary.violations;
}

/** A throw-away tree of one-line modules: `{ 'a/x.ts': ['../b/y'] }` makes a/x.ts import ../b/y. */
function treeOf(name: string, imports: Readonly<Record<string, readonly string[]>>): string {
  const root = join(work, name);
  for (const [file, targets] of Object.entries(imports)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    const lines = targets.map(
      (target, i) => `import * as m${i} from '${target}';\nexport const u${i} = m${i};`,
    );
    writeFileSync(join(root, file), `${lines.join('\n')}\nexport const here = 1;\n`);
  }
  // The config reads the TypeScript settings from the root, as in the repo.
  copyFileSync(join(REPO, 'tsconfig.base.json'), join(root, 'tsconfig.base.json'));
  return root;
}

const ruleNames = (violations: readonly Violation[]) =>
  [...new Set(violations.map((v) => v.rule.name))].sort();

// Each test cruises a tree of its own (or the repo, read only) in a child process: they run side by side.
describe.concurrent('the import rules', () => {
  it('hold in the repo: no folder or file cycle in a package or the site, core never imports models, data flows one way', async () => {
    expect(await violationsIn(REPO, ['packages', 'apps'])).toEqual([]);
  });

  it('fail on folders of core that import each other through a third, even without a file cycle', async () => {
    const root = treeOf('folder-cycle', {
      'packages/core/src/runner/build.ts': ['../state/lock'],
      'packages/core/src/state/lock.ts': ['../refresh/errors'],
      'packages/core/src/refresh/errors.ts': [],
      'packages/core/src/refresh/refresh.ts': ['../runner/build'],
    });
    const violations = await violationsIn(root, ['packages']);
    expect(ruleNames(violations)).toEqual(['no-folder-cycle']);
  });

  it('fail on a file cycle inside one folder of core', async () => {
    const root = treeOf('file-cycle', {
      'packages/core/src/runner/a.ts': ['./b'],
      'packages/core/src/runner/b.ts': ['./a'],
    });
    expect(ruleNames(await violationsIn(root, ['packages']))).toEqual(['no-file-cycle']);
  });

  it('fail on a file cycle in the models or the site, a type-only import included', async () => {
    // The shape of the models' old cycle: the config validated against the sources, which imported the
    // config's type back.
    const root = treeOf('cycle-outside-core', {
      'packages/models/src/config.ts': ['./sources/index'],
      'packages/models/src/sources/index.ts': [],
      'apps/reports/src/components/a.js': ['./b.js'],
      'apps/reports/src/components/b.js': ['./a.js'],
    });
    writeFileSync(
      join(root, 'packages/models/src/sources/index.ts'),
      "import type { Config } from '../config';\nexport type Source = Config;\n",
    );
    // The cruiser reports each cycle once, from its first file.
    const violations = await violationsIn(root, ['packages', 'apps']);
    expect(violations.map((v) => `${v.rule.name}: ${v.from}`).sort()).toEqual([
      'no-file-cycle: apps/reports/src/components/a.js',
      'no-file-cycle: packages/models/src/config.ts',
    ]);
  });

  it('fail on core importing models or the site, and on models importing the site', async () => {
    const root = treeOf('packages', {
      'packages/core/src/project/load.ts': [
        '../../../models/src/project',
        '../../../../apps/reports/src/page',
      ],
      'packages/models/src/project.ts': ['../../../apps/reports/src/page'],
      'apps/reports/src/page.ts': [],
    });
    const violations = await violationsIn(root, ['packages', 'apps']);
    expect(ruleNames(violations)).toEqual(['core-not-to-apps', 'core-not-to-models', 'models-not-to-apps']);
  });

  it('fail on a model layer reading a later one (staging → intermediate or marts, intermediate → marts)', async () => {
    const root = treeOf('layers', {
      'packages/models/src/staging/stg_a.ts': ['../intermediate/int_b', '../marts/mart_c'],
      'packages/models/src/intermediate/int_b.ts': ['../marts/mart_c'],
      'packages/models/src/marts/mart_c.ts': [],
    });
    const violations = await violationsIn(root, ['packages']);
    expect(violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort()).toEqual([
      'intermediate-not-to-marts: packages/models/src/intermediate/int_b.ts → packages/models/src/marts/mart_c.ts',
      'staging-not-to-later-layers: packages/models/src/staging/stg_a.ts → packages/models/src/intermediate/int_b.ts',
      'staging-not-to-later-layers: packages/models/src/staging/stg_a.ts → packages/models/src/marts/mart_c.ts',
    ]);
  });

  it('fail on the dialect importing anything of Pulse outside dialect/', async () => {
    const root = treeOf('dialect', {
      'packages/core/src/dialect/driver.ts': ['./errors', '../errors'],
      'packages/core/src/dialect/errors.ts': [],
      'packages/core/src/errors.ts': [],
    });
    const violations = await violationsIn(root, ['packages']);
    expect(violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)).toEqual([
      'dialect-stands-alone: packages/core/src/dialect/driver.ts → packages/core/src/errors.ts',
    ]);
  });

  it('fail on an import that does not resolve, which would otherwise hide a broken rule', async () => {
    const root = treeOf('unresolvable', { 'packages/core/src/runner/a.ts': ['../refresh/gone'] });
    expect(ruleNames(await violationsIn(root, ['packages']))).toEqual(['not-to-unresolvable']);
  });
});
