import { existsSync, readFileSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRunLog } from '../../src/refresh/run-log.js';
import { pulseInProcess } from '../support/capture-io.js';
import { tempDir } from '../support/temp-warehouse.js';

/**
 * `pulse refresh --strict`: the nightly job's way to stop on bad data. Without it quarantined rows publish
 * with exit 0, and `refresh --strict` was an unknown option, so a job could not be told to fail on them.
 */
describe('pulse refresh --strict', () => {
  let root: string;
  let cleanup: () => Promise<void>;
  const pulse = (...argv: string[]) => pulseInProcess(root, argv);
  const warehouse = () => join(root, 'data', 'warehouse.duckdb');
  const runResults = () => join(root, 'target', 'run_results.json');
  beforeAll(async () => {
    ({ dir: root, cleanup } = await tempDir('pulse-refresh-strict-'));
    const raw = join(root, 'data', 'raw');
    expect(
      (await pulse('generate', '--out', raw, '--accounts', '30', '--months', '4', '--seed', '4')).code,
    ).toBe(0);
    expect((await pulse('refresh')).code).toBe(0);
  });
  afterAll(() => cleanup());

  it('fails on a delivery that quarantines a row, publishing nothing and logging the failure', async () => {
    const before = readFileSync(runResults(), 'utf8');
    await appendFile(
      join(root, 'data', 'raw', 'survey_responses.csv'),
      'r-bad,00001,u1,nps,11,2026-01-01T00:00:00Z,\n',
    );
    const strict = await pulse('refresh', '--strict');
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/--strict: ingestion quarantined \d+ rows?/);
    expect(readFileSync(runResults(), 'utf8')).toBe(before);
    expect((await readRunLog(warehouse())).at(-1)).toMatchObject({ status: 'failed', command: 'refresh' });
    expect(existsSync(`${warehouse()}.publishing`)).toBe(false);
    // Without --strict the same delivery publishes, its bad row quarantined.
    const lenient = await pulse('refresh');
    expect(lenient.code).toBe(0);
    expect(readFileSync(runResults(), 'utf8')).not.toBe(before);
  });
});
