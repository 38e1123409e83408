// Where copy-data.js reads from: the default warehouse and artifacts folder are the engine's companion
// rule read backwards (packages/core/src/config/warehouse-companions.ts), so PULSE_MARTS_DIR alone finds them.
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
// The engine's own rule, so the two cannot drift apart unnoticed.
import { companionsOf } from '../../../packages/core/src/config/warehouse-companions.ts';
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

  it('with no env, the sample layout: data/marts, data/warehouse.duckdb and <repo>/target', () => {
    const paths = dataPaths({});
    expect(paths.marts).toBe(join(REPO_ROOT, 'data', 'marts'));
    expect(paths.warehouse).toBe(join(REPO_ROOT, 'data', 'warehouse.duckdb'));
    expect(paths.target).toBe(join(REPO_ROOT, 'target'));
  });

  it('PULSE_ARTIFACTS_DIR wins over the marts folder', () => {
    const paths = dataPaths({ PULSE_MARTS_DIR: '/srv/out/my-marts', PULSE_ARTIFACTS_DIR: '/elsewhere/t' });
    expect(paths.target).toBe(resolve('/elsewhere/t'));
  });

  it('a relative PULSE_MARTS_DIR resolves from the working directory', () => {
    expect(dataPaths({ PULSE_MARTS_DIR: 'out/my-marts' }).warehouse).toBe(resolve('out', 'my.duckdb'));
  });
});

describe("dataPaths: the engine's companion rule read backwards", () => {
  it.each([
    '/srv/out/warehouse.duckdb',
    '/srv/out/my.duckdb',
    '/srv/out/nightly.v2.duckdb',
    '/srv/out/warehouse-eu.duckdb',
    join(REPO_ROOT, 'data', 'warehouse.duckdb'),
  ])(
    'pulse build --warehouse %s: PULSE_MARTS_DIR alone finds that warehouse and its artifacts',
    (warehouse) => {
      const companions = companionsOf(warehouse, REPO_ROOT);
      const paths = dataPaths({ PULSE_MARTS_DIR: companions.marts });
      expect(paths.warehouse).toBe(resolve(warehouse));
      expect(paths.target).toBe(companions.artifacts);
    },
  );
});
