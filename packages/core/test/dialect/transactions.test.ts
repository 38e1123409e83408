import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnsupportedTransactionSettingError } from '../../src/dialect/dialect-errors.js';
import { openTestDatabase, type TestDatabase } from './test-database.js';

let test: TestDatabase<any>;
beforeAll(async () => {
  test = await openTestDatabase();
  await sql`create table ledger (id integer primary key, amount integer)`.execute(test.db);
});
afterAll(() => test.close());

async function tableExists(db: Kysely<any>, name: string): Promise<boolean> {
  const { rows } = await sql`select 1 from duckdb_tables() where table_name = ${name}`.execute(db);
  return rows.length === 1;
}

class Abort extends Error {}

describe('db.transaction().execute()', () => {
  it('commits DDL and DML together', async () => {
    await test.db.transaction().execute(async (trx) => {
      await trx.schema.createTable('committed_table').addColumn('id', 'integer').execute();
      await trx.insertInto('committed_table').values({ id: 1 }).execute();
    });
    expect(await tableExists(test.db, 'committed_table')).toBe(true);
    expect(await test.db.selectFrom('committed_table').selectAll().execute()).toEqual([{ id: 1 }]);
  });

  it('rolls back a table created inside a transaction that throws', async () => {
    const failing = test.db.transaction().execute(async (trx) => {
      await trx.schema.createTable('rolled_back_table').addColumn('id', 'integer').execute();
      expect(await tableExists(trx, 'rolled_back_table')).toBe(true);
      throw new Abort('change of plan');
    });
    await expect(failing).rejects.toThrow(Abort);
    expect(await tableExists(test.db, 'rolled_back_table')).toBe(false);
  });

  it('rolls back rows and a dropped table after a failing statement', async () => {
    await test.db.insertInto('ledger').values({ id: 1, amount: 10 }).execute();
    const failing = test.db.transaction().execute(async (trx) => {
      await trx.insertInto('ledger').values({ id: 2, amount: 20 }).execute();
      await trx.schema.dropTable('committed_table').execute();
      await trx.insertInto('ledger').values({ id: 1, amount: 99 }).execute(); // duplicate key
    });
    await expect(failing).rejects.toThrow(/Duplicate key/i);
    expect(await test.db.selectFrom('ledger').selectAll().execute()).toEqual([{ id: 1, amount: 10 }]);
    expect(await tableExists(test.db, 'committed_table')).toBe(true);
  });

  it('returns the callback’s value on commit', async () => {
    const total = await test.db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('ledger')
        .select((eb) => eb.fn.sum<number>('amount').as('total'))
        .executeTakeFirstOrThrow();
      return row.total;
    });
    expect(total).toBe(10);
  });

  it('a read-only transaction refuses writes', async () => {
    const writing = test.db
      .transaction()
      .setAccessMode('read only')
      .execute((trx) => trx.insertInto('ledger').values({ id: 3, amount: 1 }).execute());
    await expect(writing).rejects.toThrow(/read-only/);
    expect(await test.db.selectFrom('ledger').select('id').execute()).toEqual([{ id: 1 }]);
  });

  it('asking for an isolation level other than snapshot is a clear error', async () => {
    const serializable = test.db
      .transaction()
      .setIsolationLevel('serializable')
      .execute(async () => 'never runs');
    await expect(serializable).rejects.toThrow(UnsupportedTransactionSettingError);
    await expect(serializable).rejects.toThrow(/snapshot isolation only/);
    const snapshot = await test.db
      .transaction()
      .setIsolationLevel('snapshot')
      .execute(async () => 'ran');
    expect(snapshot).toBe('ran');
  });

  it('a query issued outside a running transaction waits for it instead of joining it', async () => {
    let outside: Promise<{ id: number }[]> | undefined;
    const transaction = test.db.transaction().execute(async (trx) => {
      await trx.insertInto('ledger').values({ id: 5, amount: 50 }).execute();
      // Same process, same DuckDB connection: only the driver's lock keeps this read out of the transaction.
      outside = test.db.selectFrom('ledger').select('id').orderBy('id').execute();
      await new Promise((resolve) => setTimeout(resolve, 20));
      throw new Abort('rolled back while the outside read was queued');
    });
    await expect(transaction).rejects.toThrow(Abort);
    expect(await outside).toEqual([{ id: 1 }]);
  });
});
