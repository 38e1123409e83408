import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type PulsePaths, resolvePaths } from '../../src/index.js';
import { tempDir } from './temp-warehouse.js';

export const TINY_PROJECT_DIR = fileURLToPath(new URL('../fixtures/tiny-project/', import.meta.url));
export const TINY_PROJECT_MODULE = join(TINY_PROJECT_DIR, 'project.ts');

/**
 * A temp workspace holding a copy of the tiny project's data (`data/raw/accounts.csv`), so a test may
 * edit the data; defaults (warehouse, target, marts) resolve inside it.
 */
export async function tinyWorkspace(): Promise<{
  root: string;
  paths: PulsePaths;
  cleanup: () => Promise<void>;
}> {
  const { dir, cleanup } = await tempDir('pulse-workspace-');
  await cp(join(TINY_PROJECT_DIR, 'data'), join(dir, 'data'), { recursive: true });
  return { root: dir, paths: resolvePaths({ cwd: dir, env: {} }), cleanup };
}
