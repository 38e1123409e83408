import { appendFile, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Warehouse } from '../../src/index.js';
import { TINY_PROJECT_DIR, tinyWorkspace } from '../support/tiny-project.js';
import { runPulse } from './spawn-pulse.js';

const PROJECT_FILE = join(TINY_PROJECT_DIR, 'code-change-project.ts');
const project = ['--project', PROJECT_FILE];

async function segmentMrr(warehouse: string): Promise<Record<string, number>> {
  const db = await Warehouse.open(warehouse, { readOnly: true });
  try {
    const rows = await db.query<{ segment: string; mrr: number }>(
      'select segment, mrr from marts.segment_mrr order by segment',
    );
    return Object.fromEntries(rows.map((row) => [row.segment, row.mrr]));
  } finally {
    await db.close();
  }
}

/**
 * A partitioned model's `changed` reasons about data changes; when code upstream of it is rewritten, the
 * rows it reads may change anywhere, so a refresh rebuilds it whole whatever it says.
 */
describe('pulse refresh after code upstream of a partitioned model changed', () => {
  let workspace: Awaited<ReturnType<typeof tinyWorkspace>>;
  beforeEach(async () => {
    workspace = await tinyWorkspace();
  });
  afterEach(() => workspace.cleanup());

  it('rebuilds the partitioned model whole, as a full build of the new code gives', async () => {
    const first = await runPulse(['refresh', ...project], workspace.root, { PULSE_TEST_MRR_FACTOR: '1' });
    expect({ code: first.code, stderr: first.stderr }).toEqual({ code: 0, stderr: '' });
    const before = await segmentMrr(join(workspace.root, 'data', 'warehouse.duckdb'));
    // New data (so the refresh runs the models) and new code for scaled_accounts.
    await appendFile(join(workspace.root, 'data', 'raw', 'accounts.csv'), 'a9,smb,10,2024-01-01\n');
    const refreshed = await runPulse(['refresh', ...project], workspace.root, { PULSE_TEST_MRR_FACTOR: '3' });
    expect({ code: refreshed.code, stderr: refreshed.stderr }).toEqual({ code: 0, stderr: '' });
    expect(refreshed.stdout).toMatch(/built marts\.segment_mrr \(table, \d+ rows\)/);
    const full = await runPulse(
      ['build', ...project, '--warehouse', 'full/warehouse.duckdb'],
      workspace.root,
      { PULSE_TEST_MRR_FACTOR: '3' },
    );
    expect(full.code).toBe(0);
    const after = await segmentMrr(join(workspace.root, 'data', 'warehouse.duckdb'));
    expect(after).toEqual(await segmentMrr(join(workspace.root, 'full', 'warehouse.duckdb')));
    expect(after.smb).toBeGreaterThan(2 * before.smb!);
  });

  it('rebuilds a model whose code was edited though no data file changed, instead of answering "Up to date"', async () => {
    const refresh = (factor: string) =>
      runPulse(['refresh', ...project], workspace.root, { PULSE_TEST_MRR_FACTOR: factor });
    // The project's file saved again (its mtime moves): the same factor is the same code, the other one
    // an edit of scaled_accounts' SQL.
    const save = () => utimes(PROJECT_FILE, new Date(), new Date());
    expect((await refresh('1')).code).toBe(0);
    await save();
    const same = await refresh('1');
    expect({ code: same.code, stderr: same.stderr }).toEqual({ code: 0, stderr: '' });
    expect(same.stdout).toContain('Up to date');
    await save();
    const edited = await refresh('3');
    expect({ code: edited.code, stderr: edited.stderr }).toEqual({ code: 0, stderr: '' });
    expect(edited.stdout).not.toContain('Up to date');
    expect(edited.stdout).toMatch(/built intermediate\.scaled_accounts/);
    expect(edited.stdout).toMatch(/built marts\.segment_mrr/);
    const full = await runPulse(
      ['build', ...project, '--warehouse', 'full/warehouse.duckdb'],
      workspace.root,
      { PULSE_TEST_MRR_FACTOR: '3' },
    );
    expect(full.code).toBe(0);
    expect(await segmentMrr(join(workspace.root, 'data', 'warehouse.duckdb'))).toEqual(
      await segmentMrr(join(workspace.root, 'full', 'warehouse.duckdb')),
    );
    // Recorded: the next refresh of this code is up to date again.
    expect((await refresh('3')).stdout).toContain('Up to date');
  });
});
