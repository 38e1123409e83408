// Where the site reads from: the default artifacts folder is the engine's companion rule read backwards
// (packages/core/src/config/warehouse-companions.ts), so PULSE_MARTS_DIR alone finds target/*.json.
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
// The engine's own rule, so the two cannot drift apart unnoticed.
import { companionsOf } from '../../../packages/core/src/config/warehouse-companions.ts';
import { dataPaths, REPO_ROOT } from '../scripts/lib/paths.js';

const out = resolve('/srv/out');

describe('dataPaths: the artifacts folder of PULSE_MARTS_DIR', () => {
  it.each([
    ['/srv/out/marts', 'target'],
    ['/srv/out/my-marts', 'my-target'],
    ['/srv/out/nightly.v2-marts', 'nightly.v2-target'],
    ['/srv/out/marts/', 'target'],
    ['/srv/out/my-marts/', 'my-target'],
  ])('%s → %s beside it', (marts, target) => {
    expect(dataPaths({ PULSE_MARTS_DIR: marts }).target).toBe(join(out, target));
  });

  it('a marts folder named neither way keeps the target folder beside it', () => {
    expect(dataPaths({ PULSE_MARTS_DIR: '/srv/out/parquet' }).target).toBe(join(out, 'target'));
  });

  it('with no env, the sample layout: data/marts and <repo>/target', () => {
    const paths = dataPaths({});
    expect(paths.marts).toBe(join(REPO_ROOT, 'data', 'marts'));
    expect(paths.target).toBe(join(REPO_ROOT, 'target'));
  });

  it('PULSE_ARTIFACTS_DIR wins over the marts folder', () => {
    const paths = dataPaths({ PULSE_MARTS_DIR: '/srv/out/my-marts', PULSE_ARTIFACTS_DIR: '/elsewhere/t' });
    expect(paths.target).toBe(resolve('/elsewhere/t'));
  });

  it('a relative PULSE_MARTS_DIR resolves from the working directory', () => {
    expect(dataPaths({ PULSE_MARTS_DIR: 'out/my-marts' }).target).toBe(resolve('out', 'my-target'));
  });
});

describe("dataPaths: the engine's companion rule read backwards", () => {
  it.each([
    '/srv/out/warehouse.duckdb',
    '/srv/out/my.duckdb',
    '/srv/out/nightly.v2.duckdb',
    '/srv/out/warehouse-eu.duckdb',
    join(REPO_ROOT, 'data', 'warehouse.duckdb'),
  ])('pulse build --warehouse %s: PULSE_MARTS_DIR alone finds its artifacts', (warehouse) => {
    const companions = companionsOf(warehouse, REPO_ROOT);
    expect(dataPaths({ PULSE_MARTS_DIR: companions.marts }).target).toBe(companions.artifacts);
  });
});
