import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Warehouse } from '../../src/index.js';
import { TINY_PROJECT_MODULE, tinyWorkspace } from '../support/tiny-project.js';
import { relationDifferences } from './relation-differences.js';
import { runPulse } from './spawn-pulse.js';

const project = ['--project', TINY_PROJECT_MODULE];
const COMPARED = ['raw.accounts', 'staging.stg_accounts', 'marts.mrr_by_segment', 'marts.big_accounts'];

/**
 * The published warehouse as an older version of Pulse left it: `sql` run on it, and the `files.json`
 * beside it gone (that version wrote none, or wrote its own warehouse file, which no cache describes).
 */
async function asOlderVersionLeftIt(warehouse: string, sql: string): Promise<void> {
  const db = await Warehouse.open(warehouse);
  try {
    await db.exec(sql);
  } finally {
    await db.close();
  }
  await rm(`${warehouse}.files.json`, { force: true });
}

describe('a warehouse an older version of Pulse published', () => {
  let workspace: Awaited<ReturnType<typeof tinyWorkspace>>;
  let warehouse: string;
  beforeEach(async () => {
    workspace = await tinyWorkspace();
    warehouse = join(workspace.root, 'data', 'warehouse.duckdb');
    const first = await runPulse(['refresh', ...project], workspace.root);
    expect({ code: first.code, stderr: first.stderr }).toEqual({ code: 0, stderr: '' });
  });
  afterEach(() => workspace.cleanup());

  /** Each compared relation's rows that differ from a full build of the same data (0 each when equal). */
  async function differencesFromFullBuild(): Promise<Record<string, number>> {
    const full = join(workspace.root, 'full', 'warehouse.duckdb');
    expect((await runPulse(['build', ...project, '--warehouse', full], workspace.root)).code).toBe(0);
    return relationDifferences(warehouse, full, COMPARED);
  }
  const equal = Object.fromEntries(COMPARED.map((relation) => [relation, 0]));

  // A version from before 2026-12-01 wrote `pulse.ingested_files` and `pulse.runs` and none of the later
  // state (`pulse.build_vars`, the model and source fingerprints, the marts record, the `files.json`).
  // Every command refused such a warehouse as "a DuckDB database that Pulse did not build" (refresh and
  // build exit 2, status exit 1 with "Run `pulse build` first"): the nightly refresh failed until someone
  // moved it aside.
  it('is refreshed after an upgrade with no manual step, into what a full build gives', async () => {
    await asOlderVersionLeftIt(
      warehouse,
      ['build_vars', 'model_fingerprints', 'source_fingerprints', 'published_marts']
        .map((table) => `drop table if exists pulse.${table};`)
        .join('\n'),
    );
    const status = await runPulse(['status', ...project], workspace.root);
    expect(status.stderr).toBe('');
    expect(status.code).toBe(0);
    const refreshed = await runPulse(['refresh', ...project], workspace.root);
    expect({ code: refreshed.code, stderr: refreshed.stderr }).toEqual({ code: 0, stderr: '' });
    expect(await differencesFromFullBuild()).toEqual(equal);
    // The next refresh, with nothing changed, is up to date again: the state was written anew.
    const again = await runPulse(['refresh', ...project], workspace.root);
    expect(again.stdout).toContain('Up to date');
  });

  // A rollback to such a version, then an upgrade again. Its refresh read the accounts its own way (here
  // one segment differs), built the models with its own SQL (one mart's numbers differ) and wrote the
  // manifest anew (`create or replace`, a new ingested_at), leaving the source and model fingerprints as
  // they were, as it does not know those tables. The refresh after the upgrade found every file unchanged
  // and every source read as now, said "Up to date" and kept the older version's rows and marts.
  it('after a rollback, reads every source again and rebuilds every model, into what a full build gives', async () => {
    await asOlderVersionLeftIt(
      warehouse,
      `update raw.accounts set segment = 'read by an older Pulse' where account_id = (
         select min(account_id) from raw.accounts);
       update marts.mrr_by_segment set mrr = mrr + 1;
       update pulse.ingested_files set ingested_at = ingested_at + interval 1 hour`,
    );
    const refreshed = await runPulse(['refresh', ...project], workspace.root);
    expect({ code: refreshed.code, stderr: refreshed.stderr }).toEqual({ code: 0, stderr: '' });
    expect(refreshed.stdout).toContain('all files of every source read again');
    expect(await differencesFromFullBuild()).toEqual(equal);
    // The fingerprints are written with the new manifest: the next refresh trusts them again.
    const again = await runPulse(['refresh', ...project], workspace.root);
    expect(again.stdout).toContain('Up to date');
  });
});
