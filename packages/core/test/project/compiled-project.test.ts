import { mkdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compiledProjectUrl } from '../../src/project/compiled-project.js';

const REPO = fileURLToPath(new URL('../../../..', import.meta.url));
// Inside the repository, so bare imports (zod) resolve from the workspace's node_modules.
const ROOT = join(REPO, '.tmp', `compiled-project-${process.pid}`);
const ENTRY = join(ROOT, 'src', 'index.ts');
const HELPER = join(ROOT, 'src', 'helper.ts');
const CORE = join(ROOT, 'fake-core', 'index.js');

function write(path: string, text: string) {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
}

beforeAll(() => {
  write(join(ROOT, 'package.json'), '{ "name": "probe-project", "type": "module" }\n');
  write(CORE, "export const engine = 'the bundled engine';\n");
  write(
    ENTRY,
    [
      "import { engine } from '@pulse/core';",
      "import { z } from 'zod';",
      "import { label } from './helper.js';",
      // A JSON module (shipped mapping files are): inlined, as Node would ask for an import attribute.
      "import data from './data.json';",
      'const schema: z.ZodType<number> = z.number();',
      "export const value = label(schema.parse(41) + data.one) + ' / ' + engine;",
      '',
    ].join('\n'),
  );
  write(join(ROOT, 'src', 'data.json'), '{ "one": 1 }\n');
  write(HELPER, "export const label = (n: number): string => 'answer ' + n;\n");
});

afterAll(() => rmSync(ROOT, { recursive: true, force: true }));

const load = async (url: string, version: number) => (await import(`${url}?v=${version}`)).value as string;

const mirrorText = (url: string, name: string) => readFileSync(join(fileURLToPath(url), '..', name), 'utf8');

describe('a TypeScript project compiled for the bundled CLI', () => {
  it('compiles each module into a mirror, imports installed packages by name and @pulse/core from the engine bundle', async () => {
    const url = await compiledProjectUrl({ entry: ENTRY, coreIndex: CORE });
    expect(url).toMatch(
      new RegExp(`^${pathToFileURL(ROOT).href}/node_modules/\\.cache/pulse-modules/\\w+/src/index\\.mjs$`),
    );
    expect(await load(url, 1)).toBe('answer 42 / the bundled engine');
    const text = mirrorText(url, 'index.mjs');
    expect(text).toMatch(/from\s*"zod"/);
    expect(text).toMatch(new RegExp(`from\\s*"${pathToFileURL(CORE).href}"`));
    // Each module keeps its own scope (no renamed names): the helper is imported, not inlined.
    expect(text).toMatch(/from\s*"\.\/helper\.mjs"/);
    expect(mirrorText(url, 'helper.mjs')).toMatch(/"answer "\s*\+\s*n/);
  });

  it('is reused while no module changed, and compiled again when one did', async () => {
    const url = await compiledProjectUrl({ entry: ENTRY, coreIndex: CORE });
    const entryMirror = fileURLToPath(url);
    const written = statSync(entryMirror).mtimeMs;
    expect(await compiledProjectUrl({ entry: ENTRY, coreIndex: CORE })).toBe(url);
    expect(statSync(entryMirror).mtimeMs).toBe(written);
    // Same size, later mtime: still a change.
    write(HELPER, "export const label = (n: number): string => 'number ' + n;\n");
    const later = new Date(Date.now() + 5_000);
    utimesSync(HELPER, later, later);
    expect(await compiledProjectUrl({ entry: ENTRY, coreIndex: CORE })).toBe(url);
    expect(mirrorText(url, 'helper.mjs')).toMatch(/"number "\s*\+\s*n/);
  });

  it('compiles the importer again when a JSON file it inlines changed', async () => {
    const url = await compiledProjectUrl({ entry: ENTRY, coreIndex: CORE });
    expect(mirrorText(url, 'index.mjs')).toMatch(/one:\s*1/);
    write(join(ROOT, 'src', 'data.json'), '{ "one": 2 }\n');
    const later = new Date(Date.now() + 10_000);
    utimesSync(join(ROOT, 'src', 'data.json'), later, later);
    await compiledProjectUrl({ entry: ENTRY, coreIndex: CORE });
    expect(mirrorText(url, 'index.mjs')).toMatch(/one:\s*2/);
  });

  it('rejects a project that does not compile', async () => {
    write(HELPER, 'export const label = (n: number): string => n;;;\nexport const = 3;\n');
    await expect(compiledProjectUrl({ entry: ENTRY, coreIndex: CORE })).rejects.toThrow(
      /Expected identifier|Unexpected/,
    );
  });
});
