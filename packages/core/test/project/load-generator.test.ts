import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GeneratorLoadError, loadGenerator, type ProjectDefinition, PulseError } from '../../src/index.js';
import tinyProject from '../fixtures/tiny-project/project.js';

const withGenerate = (generate: ProjectDefinition['generate']): ProjectDefinition => ({
  ...tinyProject,
  generate,
});

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pulse-generator-'));
  await writeFile(
    join(dir, 'generator.mjs'),
    `import { writeFile } from 'node:fs/promises';
     import { join } from 'node:path';
     export async function generate({ outDir, seed }) { await writeFile(join(outDir, 'seed.txt'), String(seed)); }`,
  );
  await writeFile(join(dir, 'not-a-generator.mjs'), 'export const generator = 1;\n');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const moduleUrl = (file: string) => pathToFileURL(join(dir, file)).href;

describe('loadGenerator: the generator a project names', () => {
  it('returns a generate function as it is', async () => {
    expect(await loadGenerator(tinyProject)).toBe(tinyProject.generate);
  });

  it('imports the module a project names and returns its generate export', async () => {
    const generate = await loadGenerator(withGenerate(moduleUrl('generator.mjs')));
    await generate({ outDir: dir, accounts: 1, months: 1, seed: 42 });
    expect(await readFile(join(dir, 'seed.txt'), 'utf8')).toBe('42');
  });

  it('says which module is missing and where to fix the name', async () => {
    const error = await loadGenerator(withGenerate('@pulse/no-such-generator')).catch((caught) => caught);
    expect(error).toBeInstanceOf(GeneratorLoadError);
    expect(error.message).toBe(
      'Cannot find the generator module "@pulse/no-such-generator" named by project "tiny-fixture": install it, or fix `generate` in the project\'s definition.',
    );
  });

  it('rejects a module without a generate function', async () => {
    await expect(loadGenerator(withGenerate(moduleUrl('not-a-generator.mjs')))).rejects.toThrow(
      /does not export a `generate` function/,
    );
  });

  it('fails as before when the project has no generator', async () => {
    const error = await loadGenerator(withGenerate(undefined)).catch((caught) => caught);
    expect(error).toBeInstanceOf(PulseError);
    expect(error).not.toBeInstanceOf(GeneratorLoadError);
    expect(error.message).toBe(
      'Project "tiny-fixture" has no generator (its definition sets no `generate`).',
    );
  });
});
