import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Warehouse } from '../../src/index.js';
import { TINY_PROJECT_MODULE, tinyWorkspace } from '../support/tiny-project.js';
import { relationDifferences } from './relation-differences.js';
import { runPulse } from './spawn-pulse.js';

const project = ['--project', TINY_PROJECT_MODULE];

/**
 * What a refresh by a Pulse from before the source fingerprints leaves, when it read the accounts its own
 * way: its rows in raw.accounts (here one segment differs, as an older reading would give), its models (one mart's numbers differ, as its older SQL would give), a manifest
 * written anew (`create or replace`, a new ingested_at), and `pulse.source_fingerprints` untouched, as it
 * does not know the table. Its own warehouse file replaces the published one, so no cache describes it.
 */
async function asOlderVersionRefreshedIt(warehouse: string): Promise<void> {
  const db = await Warehouse.open(warehouse);
  try {
    await db.exec(`update raw.accounts set segment = 'read by an older Pulse' where account_id = (
        select min(account_id) from raw.accounts);
      update marts.mrr_by_segment set mrr = mrr + 1;
      update pulse.ingested_files set ingested_at = ingested_at + interval 1 hour`);
  } finally {
    await db.close();
  }
  await rm(`${warehouse}.files.json`, { force: true });
}

describe('a rollback to a Pulse from before the source fingerprints, then an upgrade again', () => {
  let workspace: Awaited<ReturnType<typeof tinyWorkspace>>;
  beforeEach(async () => {
    workspace = await tinyWorkspace();
  });
  afterEach(() => workspace.cleanup());

  // The fingerprints still described the reading before the rollback, so the refresh found every file
  // unchanged and every source read as now, said "Up to date" and kept the older version's rows; and the
  // model fingerprints, the relations the older version built with its own SQL.
  it('reads every source again and rebuilds every model, into what a full build gives', async () => {
    const first = await runPulse(['refresh', ...project], workspace.root);
    expect({ code: first.code, stderr: first.stderr }).toEqual({ code: 0, stderr: '' });
    const warehouse = join(workspace.root, 'data', 'warehouse.duckdb');
    await asOlderVersionRefreshedIt(warehouse);

    const refreshed = await runPulse(['refresh', ...project], workspace.root);
    expect({ code: refreshed.code, stderr: refreshed.stderr }).toEqual({ code: 0, stderr: '' });
    expect(refreshed.stdout).toContain('all files of every source read again');
    const full = join(workspace.root, 'full', 'warehouse.duckdb');
    expect((await runPulse(['build', ...project, '--warehouse', full], workspace.root)).code).toBe(0);
    const relations = ['raw.accounts', 'staging.stg_accounts', 'marts.mrr_by_segment', 'marts.big_accounts'];
    expect(await relationDifferences(warehouse, full, relations)).toEqual({
      'raw.accounts': 0,
      'staging.stg_accounts': 0,
      'marts.mrr_by_segment': 0,
      'marts.big_accounts': 0,
    });
    // The fingerprints are written with the new manifest: the next refresh trusts them again.
    const again = await runPulse(['refresh', ...project], workspace.root);
    expect(again.stdout).toContain('Up to date');
  });
});
