// Where copy-data.js reads from: the default warehouse is the inverse of the engine's marts rule
// (packages/core/src/config/resolve-paths.ts, defaultMartsOf), so PULSE_MARTS_DIR alone finds it.
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
// The engine's own rule, so the two cannot drift apart unnoticed.
import { defaultMartsOf } from '../../../packages/core/src/config/resolve-paths.ts';
import { dataPaths, REPO_ROOT } from '../scripts/lib/paths.js';

const out = resolve('/srv/out');

describe('dataPaths: the warehouse of PULSE_MARTS_DIR', () => {
  it.each([
    ['/srv/out/marts', 'warehouse.duckdb'],
    ['/srv/out/my-marts', 'my.duckdb'],
    ['/srv/out/nightly.v2-marts', 'nightly.v2.duckdb'],
    ['/srv/out/marts/', 'warehouse.duckdb'],
    ['/srv/out/my-marts/', 'my.duckdb'],
  ])('%s → %s beside it', (marts, warehouse) => {
    expect(dataPaths({ PULSE_MARTS_DIR: marts }).warehouse).toBe(join(out, warehouse));
  });

  it('a marts folder named neither way keeps the warehouse.duckdb beside it (optional: may be missing)', () => {
    expect(dataPaths({ PULSE_MARTS_DIR: '/srv/out/parquet' }).warehouse).toBe(join(out, 'warehouse.duckdb'));
  });

  it('PULSE_WAREHOUSE wins over the marts folder', () => {
    const paths = dataPaths({ PULSE_MARTS_DIR: '/srv/out/my-marts', PULSE_WAREHOUSE: '/elsewhere/w.duckdb' });
    expect(paths.warehouse).toBe(resolve('/elsewhere/w.duckdb'));
  });

  it('with no env, the sample layout: data/marts and data/warehouse.duckdb', () => {
    const paths = dataPaths({});
    expect(paths.marts).toBe(join(REPO_ROOT, 'data', 'marts'));
    expect(paths.warehouse).toBe(join(REPO_ROOT, 'data', 'warehouse.duckdb'));
  });

  it('a relative PULSE_MARTS_DIR resolves from the working directory', () => {
    expect(dataPaths({ PULSE_MARTS_DIR: 'out/my-marts' }).warehouse).toBe(resolve('out', 'my.duckdb'));
  });
});

describe("dataPaths: the inverse of the engine's default marts folder", () => {
  it.each([
    '/srv/out/warehouse.duckdb',
    '/srv/out/my.duckdb',
    '/srv/out/nightly.v2.duckdb',
    '/srv/out/warehouse-eu.duckdb',
  ])('pulse build --warehouse %s: PULSE_MARTS_DIR alone finds that warehouse', (warehouse) => {
    const marts = defaultMartsOf(warehouse);
    expect(dataPaths({ PULSE_MARTS_DIR: marts }).warehouse).toBe(resolve(warehouse));
  });
});
