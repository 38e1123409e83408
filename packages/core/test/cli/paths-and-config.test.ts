import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, loadConfig, resolvePaths } from '../../src/index.js';
import { tempDir } from '../support/temp-warehouse.js';

describe('where pulse reads and writes', () => {
  let root: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ dir: root, cleanup } = await tempDir());
    await writeFile(join(root, 'package.json'), JSON.stringify({ workspaces: ['packages/*'] }));
    await mkdir(join(root, 'packages', 'models'), { recursive: true });
    await writeFile(join(root, 'packages', 'models', 'package.json'), JSON.stringify({ name: 'models' }));
  });
  afterAll(() => cleanup());

  it('defaults are relative to the workspace root, even when run inside a package (as turbo does)', () => {
    const paths = resolvePaths({ cwd: join(root, 'packages', 'models'), env: {} });
    expect(paths).toEqual({
      root,
      dataDir: join(root, 'data', 'raw'),
      warehouse: join(root, 'data', 'warehouse.duckdb'),
      configFile: undefined,
      configExplicit: false,
      dataExplicit: false,
      targetDir: join(root, 'target'),
      exportDir: join(root, 'data', 'marts'),
    });
  });

  it('without a workspace package.json above, the root is cwd', async () => {
    const { dir, cleanup: remove } = await tempDir();
    try {
      expect(resolvePaths({ cwd: dir, env: {} }).warehouse).toBe(join(dir, 'data', 'warehouse.duckdb'));
    } finally {
      await remove();
    }
  });

  it('flags beat env vars, env vars beat defaults; both are relative to cwd', () => {
    const cwd = join(root, 'packages', 'models');
    const env = { PULSE_DATA_DIR: 'env-data', PULSE_WAREHOUSE: '/abs/env.duckdb', PULSE_CONFIG: 'env.json' };
    expect(resolvePaths({ cwd, env })).toMatchObject({
      dataDir: join(cwd, 'env-data'),
      warehouse: '/abs/env.duckdb',
      configFile: join(cwd, 'env.json'),
      configExplicit: true,
      dataExplicit: true,
    });
    expect(
      resolvePaths({ cwd, env, data: '../x/raw', warehouse: 'w.duckdb', config: 'c.json' }),
    ).toMatchObject({
      dataDir: join(root, 'packages', 'x', 'raw'),
      warehouse: join(cwd, 'w.duckdb'),
      configFile: join(cwd, 'c.json'),
    });
    expect(resolvePaths({ cwd, env: { PULSE_DATA_DIR: '' } }).dataDir).toBe(join(root, 'data', 'raw'));
  });

  it('finds pulse.config.json in the data folder’s parent', async () => {
    await mkdir(join(root, 'exports', 'raw'), { recursive: true });
    await writeFile(join(root, 'exports', 'pulse.config.json'), '{}');
    const paths = resolvePaths({ cwd: root, env: {}, data: 'exports/raw' });
    expect([paths.configFile, paths.configExplicit]).toEqual([
      join(root, 'exports', 'pulse.config.json'),
      false,
    ]);
  });
});

describe('loadConfig', () => {
  const schema = z
    .object({ currency: z.string().length(3).default('USD'), weights: z.array(z.number()).default([]) })
    .strict();

  it('uses every default when there is no file', async () => {
    expect(await loadConfig(schema, undefined)).toEqual({
      config: { currency: 'USD', weights: [] },
      file: undefined,
    });
  });

  it('reports invalid JSON and schema problems as ConfigError, one line per problem with its key path', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const file = join(dir, 'pulse.config.json');
      await writeFile(file, '{ "currency": "EURO", }');
      await expect(loadConfig(schema, file)).rejects.toThrow(
        new RegExp(`^Config ${file} is not valid JSON: `),
      );
      await writeFile(file, JSON.stringify({ currency: 'EURO', weights: [1, 'x'] }));
      const error = await loadConfig(schema, file).catch((e) => e);
      expect(error).toBeInstanceOf(ConfigError);
      expect(error.message).toBe(
        `Invalid config ${file}:\n` +
          `  ${file}: currency: Too big: expected string to have exactly 3 characters\n` +
          `  ${file}: weights[1]: Invalid input: expected number, received string`,
      );
    } finally {
      await cleanup();
    }
  });
});
