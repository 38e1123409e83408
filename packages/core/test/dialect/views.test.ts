import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from './test-database.js';

interface Database {
  accounts: { id: number; name: string; plan: string };
}

let test: TestDatabase<Database>;
beforeAll(async () => {
  test = await openTestDatabase<Database>();
  await sql`create table accounts (id integer, name varchar, plan varchar)`.execute(test.db);
  await test.db
    .insertInto('accounts')
    .values([
      { id: 1, name: 'Acme', plan: "it's pro" },
      { id: 2, name: 'Globex', plan: 'free' },
      { id: 3, name: 'Mallory', plan: "'); drop table accounts; --" },
    ])
    .execute();
});
afterAll(() => test.close());

describe('createView inlines the query’s parameters, which DuckDB views need', () => {
  it('a string parameter with a quote becomes an escaped literal', async () => {
    const view = test.db.schema
      .createView('pro_accounts')
      .as(test.db.selectFrom('accounts').select(['id', 'name']).where('plan', '=', "it's pro"));
    const compiled = view.compile();
    expect(compiled.sql).toBe(
      `create view "pro_accounts" as select "id", "name" from "accounts" where "plan" = 'it''s pro'`,
    );
    expect(compiled.parameters).toEqual([]);
    await view.execute();
    const rows = await sql`select * from pro_accounts`.execute(test.db);
    expect(rows.rows).toEqual([{ id: 1, name: 'Acme' }]);
  });

  it("'); drop table x; -- stays data inside the view's literal", async () => {
    const hostile = "'); drop table accounts; --";
    const view = test.db.schema
      .createView('hostile_accounts')
      .as(test.db.selectFrom('accounts').select('id').where('plan', '=', hostile));
    expect(view.compile().sql).toContain(`'''); drop table accounts; --'`);
    await view.execute();
    expect((await sql`select * from hostile_accounts`.execute(test.db)).rows).toEqual([{ id: 3 }]);
    expect(await test.db.selectFrom('accounts').select('id').orderBy('id').execute()).toHaveLength(3);
  });

  it('a view returns what its query returns bound, value for value and type for type', async () => {
    const values = {
      at: new Date('1969-07-20T20:17:40.123Z'),
      ratio: 1.5,
      count: 3,
      big: 3_000_000_000,
      not_a_number: Number.NaN,
      flag: true,
      label: "it's",
      nothing: null,
      ids: [1, 2],
      no_ids: [],
    };
    const query = test.db.selectNoFrom(
      Object.entries(values).map(([name, value]) => sql`${value}`.as(name)) as never,
    );
    const bound = await query.execute();
    await test.db.schema.createView('inlined_values').as(query).execute();
    const inlined = await sql`select * from inlined_values`.execute(test.db);
    expect(inlined.rows).toEqual(bound);
    expect(bound).toEqual([{ ...values, at: values.at }]);

    const typeofBound = await test.db
      .selectNoFrom(Object.entries(values).map(([name, value]) => sql`typeof(${value})`.as(name)) as never)
      .execute();
    const { rows: viewColumns } = await sql<{ column_name: string; data_type: string }>`
      select column_name, data_type from duckdb_columns() where table_name = 'inlined_values'`.execute(
      test.db,
    );
    expect(Object.fromEntries(viewColumns.map((c) => [c.column_name, c.data_type]))).toEqual(typeofBound[0]);
  });

  it('or replace swaps the definition', async () => {
    await test.db.schema
      .createView('plan_view')
      .as(test.db.selectFrom('accounts').select('id').where('plan', '=', 'free'))
      .execute();
    await test.db.schema
      .createView('plan_view')
      .orReplace()
      .as(test.db.selectFrom('accounts').select('id').where('id', 'in', [1, 3]))
      .execute();
    expect((await sql`select * from plan_view order by id`.execute(test.db)).rows).toEqual([
      { id: 1 },
      { id: 3 },
    ]);
  });
});
