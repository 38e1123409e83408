import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Warehouse } from '../../src/index.js';

/** A fresh temp folder, removed by the returned cleanup. */
export async function tempDir(
  prefix = 'pulse-test-',
): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** An in-memory warehouse with a `raw.accounts` seed table most engine tests read. */
export async function seededWarehouse(): Promise<Warehouse> {
  const warehouse = await Warehouse.open(':memory:');
  await warehouse.exec('create schema raw');
  await warehouse.exec(`
    create table raw.accounts as
    select * from (values
      ('a1', 'smb', 100.0::double),
      ('a2', 'smb', 250.0),
      ('a3', 'enterprise', 900.0)
    ) as t(account_id, segment, mrr)`);
  return warehouse;
}
