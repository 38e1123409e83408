import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../../src/warehouse/warehouse.js';
import { openTestDatabase, type TestDatabase } from './test-database.js';

interface Database {
  accounts: { id: number; name: string; plan: string; signed_up: string };
}

let test: TestDatabase<Database>;
beforeAll(async () => {
  test = await openTestDatabase<Database>();
  await sql`create table accounts (id integer, name varchar, plan varchar, signed_up date)`.execute(test.db);
  await sql`insert into accounts values
    (1, 'Acme', 'pro', '2024-01-15'), (2, 'Globex', 'free', '2024-02-29'),
    (3, 'Initech', 'pro', '2024-03-01'), (4, 'Umbrella', 'pro', '2023-12-31')`.execute(test.db);
});
afterAll(() => test.close());

describe('the compiler emits Postgres-style SQL that DuckDB runs as is', () => {
  it('select with where, order by and limit uses $n placeholders', async () => {
    const query = test.db
      .selectFrom('accounts')
      .select(['id', 'name'])
      .where('plan', '=', 'pro')
      .where('signed_up', '>=', '2024-01-01')
      .orderBy('id', 'desc')
      .limit(1);
    const compiled = query.compile();
    expect(compiled.sql).toBe(
      'select "id", "name" from "accounts" where "plan" = $1 and "signed_up" >= $2 order by "id" desc limit $3',
    );
    expect(compiled.parameters).toEqual(['pro', '2024-01-01', 1]);
    expect(await query.execute()).toEqual([{ id: 3, name: 'Initech' }]);
  });

  it('aggregates with group by and a date_trunc over a DATE', async () => {
    const query = test.db
      .selectFrom('accounts as a')
      .select((eb) => [
        sql<string>`date_trunc('month', ${eb.ref('a.signed_up')})::date`.as('month'),
        eb.fn.countAll<number>().as('count'),
      ])
      .where('a.plan', 'in', ['pro', 'free'])
      .groupBy(sql`1`)
      .orderBy(sql`1`);
    expect(query.compile().sql).toBe(
      `select date_trunc('month', "a"."signed_up")::date as "month", count(*) as "count" ` +
        'from "accounts" as "a" where "a"."plan" in ($1, $2) group by 1 order by 1',
    );
    expect(await query.execute()).toEqual([
      { month: '2023-12-01', count: 1 },
      { month: '2024-01-01', count: 1 },
      { month: '2024-02-01', count: 1 },
      { month: '2024-03-01', count: 1 },
    ]);
  });

  it('insert … returning and quoted identifiers', async () => {
    await sql`create table "odd ""name""" ("select" integer)`.execute(test.db);
    const query = test.db
      .insertInto('odd "name"' as never)
      .values({ select: 7 } as never)
      .returning('select' as never);
    expect(query.compile().sql).toBe('insert into "odd ""name""" ("select") values ($1) returning "select"');
    expect(await query.execute()).toEqual([{ select: 7 }]);
  });
});

describe('through the Warehouse', () => {
  it('select count(*) as count returns [{ count: n }] with n a number', async () => {
    const warehouse = await Warehouse.open(':memory:');
    try {
      const db = warehouse.db<{ numbers: { n: number } }>();
      await sql`create table numbers as select range as n from range(42)`.execute(db);
      const rows = await db
        .selectFrom('numbers')
        .select((eb) => eb.fn.countAll().as('count'))
        .execute();
      expect(rows).toEqual([{ count: 42 }]);
    } finally {
      await warehouse.close();
    }
  });
});
