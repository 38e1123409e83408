import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { abandonStagedWorkSync } from '../../src/state/abandon-staged-work.js';
import { tempDir } from '../support/temp-warehouse.js';

/**
 * A signal while a run wrote its artifacts left `run_results.json.partial-<pid>` and
 * `manifest.json.partial-<pid>` in the artifacts folder until the next run swept them.
 */
describe('abandoning a run before its commit point', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir('pulse-abandon-'));
  });
  afterAll(() => cleanup());

  it("removes this process's staged warehouse, marts and artifacts, and nobody else's", () => {
    const warehouse = join(dir, 'warehouse.duckdb');
    const marts = join(dir, 'marts');
    const target = join(dir, 'target');
    mkdirSync(target);
    const ours = [
      `${warehouse}.building-${process.pid}`,
      join(target, `run_results.json.partial-${process.pid}`),
      join(target, `manifest.json.partial-${process.pid}`),
    ];
    for (const file of ours) writeFileSync(file, 'x');
    mkdirSync(`${marts}.building-${process.pid}`);
    const others = join(target, `run_results.json.partial-${process.pid + 1}`);
    writeFileSync(others, 'x');
    abandonStagedWorkSync(warehouse, marts, target);
    expect([...ours, `${marts}.building-${process.pid}`].filter((file) => existsSync(file))).toEqual([]);
    expect(existsSync(others)).toBe(true);
  });
});
