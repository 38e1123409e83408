import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Warehouse } from '../../src/index.js';
import { TINY_PROJECT_MODULE, tinyWorkspace } from '../support/tiny-project.js';
import { relationDifferences } from './relation-differences.js';
import { runPulse } from './spawn-pulse.js';

const project = ['--project', TINY_PROJECT_MODULE];

/**
 * A warehouse a version of Pulse from before 2026-12-01 published: it has the `pulse.ingested_files` and
 * `pulse.runs` a refresh has always written, and none of the later state (`pulse.build_vars`, the model
 * and source fingerprints, the marts record, the `files.json` beside it). Made here from one of today's by
 * dropping what those versions did not write.
 */
async function asOlderVersionLeftIt(warehouse: string): Promise<void> {
  const db = await Warehouse.open(warehouse);
  try {
    for (const table of ['build_vars', 'model_fingerprints', 'source_fingerprints', 'published_marts'])
      await db.exec(`drop table if exists pulse.${table}`);
  } finally {
    await db.close();
  }
  await rm(`${warehouse}.files.json`, { force: true });
}

describe('a warehouse an older version of Pulse published', () => {
  let workspace: Awaited<ReturnType<typeof tinyWorkspace>>;
  beforeEach(async () => {
    workspace = await tinyWorkspace();
  });
  afterEach(() => workspace.cleanup());

  // Every command refused it as "a DuckDB database that Pulse did not build" (refresh and build exit 2,
  // status exit 1 with "Run `pulse build` first"): the nightly refresh failed until someone moved it aside.
  it('is refreshed after an upgrade with no manual step, into what a full build gives', async () => {
    const first = await runPulse(['refresh', ...project], workspace.root);
    expect({ code: first.code, stderr: first.stderr }).toEqual({ code: 0, stderr: '' });
    const warehouse = join(workspace.root, 'data', 'warehouse.duckdb');
    await asOlderVersionLeftIt(warehouse);

    const status = await runPulse(['status', ...project], workspace.root);
    expect(status.stderr).toBe('');
    expect(status.code).toBe(0);
    const refreshed = await runPulse(['refresh', ...project], workspace.root);
    expect({ code: refreshed.code, stderr: refreshed.stderr }).toEqual({ code: 0, stderr: '' });
    const full = await runPulse(
      ['build', ...project, '--warehouse', join(workspace.root, 'full', 'warehouse.duckdb')],
      workspace.root,
    );
    expect(full.code).toBe(0);
    const differences = await relationDifferences(
      warehouse,
      join(workspace.root, 'full', 'warehouse.duckdb'),
      ['raw.accounts', 'staging.stg_accounts', 'marts.mrr_by_segment', 'marts.big_accounts'],
    );
    expect(differences).toEqual({
      'raw.accounts': 0,
      'staging.stg_accounts': 0,
      'marts.mrr_by_segment': 0,
      'marts.big_accounts': 0,
    });
    // The next refresh, with nothing changed, is up to date again: the state was written anew.
    const again = await runPulse(['refresh', ...project], workspace.root);
    expect(again.stdout).toContain('Up to date');
  });
});
