import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountChangesSql, differsSql } from '../../src/history/diff-sql.js';
import { Warehouse } from '../../src/warehouse/warehouse.js';

/** Whether `pulse diff` counts old → new as a change, evaluated by DuckDB itself. */
describe('differsSql: what counts as a moved value', () => {
  let db: Warehouse;
  beforeAll(async () => {
    db = await Warehouse.open(':memory:');
  });
  afterAll(() => db.close());

  const differs = async (old: string, now: string, numeric = true) => {
    const [row] = await db.query<{ d: boolean }>(`select ${differsSql(old, now, numeric)} as d`);
    return row!.d;
  };

  it('numbers within 1e-9 of the larger magnitude are equal; beyond it they moved', async () => {
    expect(await differs('1000000.0', '1000000.0009')).toBe(false); // 9e-10 relative
    expect(await differs('1000000.0', '1000000.002')).toBe(true); // 2e-9 relative
    expect(await differs('0.1 + 0.2', '0.3')).toBe(false); // float noise
    expect(await differs('-5.0', '-5.0000001')).toBe(true);
  });

  it('noise around zero (below 1e-12) is no change; a real amount from zero is', async () => {
    expect(await differs('0.0', '1e-15')).toBe(false);
    expect(await differs('0.0', '0.01')).toBe(true);
  });

  it('NULL against a value moved, NULL against NULL did not', async () => {
    expect(await differs('NULL::double', '0.0')).toBe(true);
    expect(await differs('1.0', 'NULL::double')).toBe(true);
    expect(await differs('NULL::double', 'NULL::double')).toBe(false);
  });

  it('text, dates and flags compare exactly', async () => {
    expect(await differs("'smb'", "'SMB'", false)).toBe(true);
    expect(await differs("DATE '2026-03-01'", "DATE '2026-03-01'", false)).toBe(false);
    expect(await differs('true', 'NULL::boolean', false)).toBe(true);
  });
});

describe('accountChangesSql: the accounts whose history changed', () => {
  let db: Warehouse;
  let dir: string;
  beforeAll(async () => {
    db = await Warehouse.open(':memory:');
    dir = mkdtempSync(join(tmpdir(), 'pulse-account-changes-'));
    const write = (name: string, rows: string) =>
      db.exec(
        `copy (select * from (values ${rows}) t(account_id, month, mrr)) to '${join(dir, name)}' (format parquet)`,
      );
    // A1 restated in February; A2 reactivated in February by a late invoice; every account gains March.
    await write(
      'previous.parquet',
      `('A1', DATE '2026-01-01', 100.0), ('A1', DATE '2026-02-01', 100.0),
       ('A2', DATE '2026-01-01', 50.0), ('A3', DATE '2026-02-01', 10.0)`,
    );
    await write(
      'current.parquet',
      `('A1', DATE '2026-01-01', 100.0), ('A1', DATE '2026-02-01', 120.0), ('A1', DATE '2026-03-01', 120.0),
       ('A2', DATE '2026-01-01', 50.0), ('A2', DATE '2026-02-01', 50.0), ('A2', DATE '2026-03-01', 50.0),
       ('A3', DATE '2026-02-01', 10.0), ('A3', DATE '2026-03-01', 10.0)`,
    );
  });
  afterAll(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('are those whose months up to the previous last month moved or appeared, not each one a new month reached', async () => {
    const rows = await db.query<{ account_id: string; month: string }>(
      `select account_id, month from (${accountChangesSql(
        join(dir, 'previous.parquet'),
        join(dir, 'current.parquet'),
        {
          key: 'account_id',
          month: 'month',
          value: 'mrr',
        },
      )}) order by account_id, month`,
    );
    expect(rows).toEqual([
      { account_id: 'A1', month: '2026-02-01' },
      { account_id: 'A2', month: '2026-02-01' },
    ]);
  });
});
