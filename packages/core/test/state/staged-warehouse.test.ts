import { spawnSync } from 'node:child_process';
import { readdir, readFile, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Warehouse } from '../../src/index.js';
import { publishStagedWork } from '../../src/state/publish-staged-work.js';
import { stageMarts } from '../../src/state/staged-publish.js';
import { StagedWarehouse } from '../../src/state/staged-warehouse.js';
import { tempDir } from '../support/temp-warehouse.js';

/** The paths this process has open descriptors on. */
async function openPaths(): Promise<string[]> {
  const fds = await readdir('/proc/self/fd');
  const targets = await Promise.all(fds.map((fd) => readlink(`/proc/self/fd/${fd}`).catch(() => '')));
  return targets.filter(Boolean);
}

/** What another process gets when it opens this DuckDB file: `opened`, or DuckDB's refusal. */
function openFromAnotherProcess(path: string): string {
  const script = `const { DuckDBInstance } = await import('@duckdb/node-api');
    try { await DuckDBInstance.create(${JSON.stringify(path)}); console.log('opened'); }
    catch (error) { console.log(error.message); }`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: import.meta.dirname,
  });
  return child.stdout.toString().trim();
}

describe('StagedWarehouse: the copy of the published warehouse', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir('pulse-staged-'));
  });
  afterEach(() => cleanup());

  it('is flushed to disk while DuckDB holds it, without dropping DuckDB’s lock, and published byte for byte', async () => {
    const published = join(dir, 'warehouse.duckdb');
    const first = await Warehouse.open(published);
    await first.exec('create table t as select range as n from range(1000)');
    await first.close();
    const bytes = await readFile(published);

    const staged = await StagedWarehouse.create(published, { fromPublished: true });
    expect(await readFile(staged.path)).toEqual(bytes);
    const db = await Warehouse.open(staged.path);
    // The flush's descriptor of the copy is open beside DuckDB's. Closing it once flushed would release
    // every fcntl lock this process holds on the file, DuckDB's included: another process could then
    // open the staged warehouse mid-build.
    // The flush of a small copy is over by now; its descriptor must still be open (DuckDB holds the other).
    await sleep(300);
    expect((await openPaths()).filter((path) => path === staged.path)).toHaveLength(2);
    expect(openFromAnotherProcess(staged.path)).toMatch(/Could not set lock/);
    await db.exec('insert into t values (1000)');
    await db.close();

    await staged.publish();
    expect((await openPaths()).filter((path) => path.startsWith(dir))).toEqual([]);
    const reopened = await Warehouse.open(published, { readOnly: true });
    expect(await reopened.query('select count(*)::integer as n from t')).toEqual([{ n: 1001 }]);
    await reopened.close();
  });

  // Publishing goes through the journal (staged-publish.ts), which renames the files itself. The flush's
  // descriptor was left open there: `pulse schedule` kept one per refresh until garbage collection closed
  // it, and closing a descriptor of the published file drops every fcntl lock the process holds on it.
  it('closes the flush’s descriptor when published through the journal with the marts', async () => {
    const published = join(dir, 'warehouse.duckdb');
    const first = await Warehouse.open(published);
    await first.exec('create table t as select range as n from range(1000)');
    await first.close();
    const staged = await StagedWarehouse.create(published, { fromPublished: true });
    const marts = join(dir, 'marts');
    const stagedMarts = await stageMarts(marts, { fromPublished: false });
    await publishStagedWork(staged, stagedMarts, marts, (db) => db.exec('insert into t values (1000)'));
    expect((await openPaths()).filter((path) => path.startsWith(dir))).toEqual([]);
    const reopened = await Warehouse.open(published, { readOnly: true });
    expect(await reopened.query('select count(*)::integer as n from t')).toEqual([{ n: 1001 }]);
    await reopened.close();
  });

  it('closes the flush’s descriptor when discarded', async () => {
    const published = join(dir, 'warehouse.duckdb');
    const first = await Warehouse.open(published);
    await first.exec('create table t as select 1 as n');
    await first.close();
    const staged = await StagedWarehouse.create(published, { fromPublished: true });
    await staged.discard();
    expect((await openPaths()).filter((path) => path.startsWith(dir))).toEqual([]);
  });
});
