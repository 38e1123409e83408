import { type Generated, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from './test-database.js';

interface Database {
  accounts: { id: number; name: string; plan: string | null; seats: Generated<number> };
}

let test: TestDatabase<Database>;
beforeAll(async () => {
  test = await openTestDatabase<Database>();
  await test.db.schema
    .createTable('accounts')
    .addColumn('id', 'integer', (column) => column.primaryKey())
    .addColumn('name', 'varchar', (column) => column.notNull())
    .addColumn('plan', 'varchar')
    .addColumn('seats', 'integer', (column) => column.notNull().defaultTo(1))
    .execute();
});
afterAll(() => test.close());

describe('statements report what DuckDB says they changed', () => {
  it('insert reports the inserted rows', async () => {
    const result = await test.db
      .insertInto('accounts')
      .values([
        { id: 1, name: 'Acme', plan: 'pro', seats: 5 },
        { id: 2, name: 'Globex', plan: 'free', seats: 1 },
        { id: 3, name: 'Initech', plan: 'free', seats: 2 },
      ])
      .executeTakeFirstOrThrow();
    expect(result.numInsertedOrUpdatedRows).toBe(3n);
  });

  it('update reports the matched rows', async () => {
    const result = await test.db
      .updateTable('accounts')
      .set({ plan: 'pro' })
      .where('plan', '=', 'free')
      .executeTakeFirstOrThrow();
    expect(result.numUpdatedRows).toBe(2n);
  });

  it('update matching nothing reports zero', async () => {
    const result = await test.db
      .updateTable('accounts')
      .set({ seats: 0 })
      .where('id', '=', 404)
      .executeTakeFirstOrThrow();
    expect(result.numUpdatedRows).toBe(0n);
  });

  it('delete reports the deleted rows', async () => {
    await test.db.insertInto('accounts').values({ id: 9, name: 'Doomed' }).execute();
    const result = await test.db.deleteFrom('accounts').where('id', '=', 9).executeTakeFirstOrThrow();
    expect(result.numDeletedRows).toBe(1n);
  });

  it('DDL returns no rows and no count', async () => {
    const result = await sql`create table scratch (a integer)`.execute(test.db);
    expect(result).toEqual({ rows: [] });
  });
});

describe('returning', () => {
  it('insert … returning returns the inserted rows, defaults filled in', async () => {
    const rows = await test.db
      .insertInto('accounts')
      .values([
        { id: 10, name: 'Hooli' },
        { id: 11, name: 'Umbrella', plan: 'pro' },
      ])
      .returning(['id', 'plan', 'seats'])
      .execute();
    expect(rows).toEqual([
      { id: 10, plan: null, seats: 1 },
      { id: 11, plan: 'pro', seats: 1 },
    ]);
  });

  it('update … returning and delete … returning return the touched rows', async () => {
    const updated = await test.db
      .updateTable('accounts')
      .set((eb) => ({ seats: eb('seats', '+', 1) }))
      .where('id', '>=', 10)
      .returning(['id', 'seats'])
      .execute();
    expect(updated.sort((a, b) => a.id - b.id)).toEqual([
      { id: 10, seats: 2 },
      { id: 11, seats: 2 },
    ]);
    const deleted = await test.db.deleteFrom('accounts').where('id', '=', 11).returningAll().execute();
    expect(deleted).toEqual([{ id: 11, name: 'Umbrella', plan: 'pro', seats: 2 }]);
  });

  it('on conflict do update works as in Postgres', async () => {
    const rows = await test.db
      .insertInto('accounts')
      .values({ id: 1, name: 'Acme', seats: 50 })
      .onConflict((conflict) =>
        conflict.column('id').doUpdateSet((eb) => ({ seats: eb.ref('excluded.seats') })),
      )
      .returning(['id', 'seats'])
      .execute();
    expect(rows).toEqual([{ id: 1, seats: 50 }]);
  });
});
