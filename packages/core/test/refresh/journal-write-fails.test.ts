import { existsSync, readFileSync } from 'node:fs';
import { appendFile, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pulseInProcess } from '../support/capture-io.js';
import { tempDir } from '../support/temp-warehouse.js';

/**
 * The publish journal could not be written (a full disk, a folder refused): the run was counted as past
 * its commit point before the journal existed, so it said "the next build or refresh finishes the
 * publish from its journal", which did not exist, and kept the staged work. Without a journal nothing
 * was published: the run fails as any run before its commit point does, and discards what it staged.
 */
describe('a publish journal that cannot be written', () => {
  let root: string;
  let cleanup: () => Promise<void>;
  const pulse = (...argv: string[]) => pulseInProcess(root, argv);
  beforeAll(async () => {
    ({ dir: root, cleanup } = await tempDir('pulse-journal-fails-'));
    const raw = join(root, 'data', 'raw');
    expect(
      (await pulse('generate', '--out', raw, '--accounts', '30', '--months', '4', '--seed', '2')).code,
    ).toBe(0);
    expect((await pulse('refresh')).code).toBe(0);
  });
  afterAll(() => cleanup());

  it('fails saying nothing was published, leaves no journal, and the next refresh publishes', async () => {
    const warehouse = join(root, 'data', 'warehouse.duckdb');
    const runResults = join(root, 'target', 'run_results.json');
    const before = readFileSync(runResults, 'utf8');
    await appendFile(
      join(root, 'data', 'raw', 'survey_responses.csv'),
      'r-new,00001,u1,nps,9,2026-01-01T00:00:00Z,\n',
    );
    // This process is the one that refreshes (in-process): its journal's temporary name is refused.
    const blocked = `${warehouse}.publishing.${process.pid}.new`;
    await mkdir(blocked);
    try {
      const refused = await pulse('refresh');
      expect(refused.code).toBe(1);
      expect(refused.stderr).not.toContain('did not finish');
      expect(existsSync(`${warehouse}.publishing`)).toBe(false);
      expect(readFileSync(runResults, 'utf8')).toBe(before);
    } finally {
      await rm(blocked, { recursive: true, force: true });
    }
    const next = await pulse('refresh');
    expect({ code: next.code, stderr: next.stderr }).toEqual({ code: 0, stderr: '' });
    expect(next.stdout).not.toContain('completed the publish');
    expect(readFileSync(runResults, 'utf8')).not.toBe(before);
  });
});
