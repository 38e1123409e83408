import { DEFAULT_MIGRATION_TABLE, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from './test-database.js';

let test: TestDatabase<any>;
beforeAll(async () => {
  test = await openTestDatabase();
  await sql`
    create sequence account_ids;
    create table accounts (
      id integer primary key default nextval('account_ids'),
      name varchar not null default 'unnamed',
      tags varchar[]
    );
    comment on column accounts.name is 'Display name of the account';
    create view account_names as select id, upper(name) as shout from accounts;
    create schema staging;
    create table staging.raw_events (payload struct(kind varchar, "at" timestamp));
    create temp table scratch (a integer);
    create table ${sql.table(DEFAULT_MIGRATION_TABLE)} (name varchar);`.execute(test.db);
});
afterAll(() => test.close());

describe('DuckDBIntrospector', () => {
  it('lists tables and views of every schema with their columns, in column order', async () => {
    const tables = await test.db.introspection.getTables();
    expect(tables).toEqual([
      {
        schema: 'main',
        name: 'account_names',
        isView: true,
        columns: [
          {
            name: 'id',
            dataType: 'INTEGER',
            isNullable: true,
            isAutoIncrementing: false,
            hasDefaultValue: false,
          },
          {
            name: 'shout',
            dataType: 'VARCHAR',
            isNullable: true,
            isAutoIncrementing: false,
            hasDefaultValue: false,
          },
        ],
      },
      {
        schema: 'main',
        name: 'accounts',
        isView: false,
        columns: [
          {
            name: 'id',
            dataType: 'INTEGER',
            isNullable: false,
            isAutoIncrementing: true,
            hasDefaultValue: true,
          },
          {
            name: 'name',
            dataType: 'VARCHAR',
            isNullable: false,
            isAutoIncrementing: false,
            hasDefaultValue: true,
            comment: 'Display name of the account',
          },
          {
            name: 'tags',
            dataType: 'VARCHAR[]',
            isNullable: true,
            isAutoIncrementing: false,
            hasDefaultValue: false,
          },
        ],
      },
      {
        schema: 'staging',
        name: 'raw_events',
        isView: false,
        columns: [
          {
            name: 'payload',
            dataType: 'STRUCT(kind VARCHAR, "at" TIMESTAMP)',
            isNullable: true,
            isAutoIncrementing: false,
            hasDefaultValue: false,
          },
        ],
      },
    ]);
  });

  it("shows Kysely's migration tables only when asked", async () => {
    const names = async (withInternalKyselyTables: boolean) =>
      (await test.db.introspection.getTables({ withInternalKyselyTables })).map((table) => table.name);
    expect(await names(false)).not.toContain(DEFAULT_MIGRATION_TABLE);
    expect(await names(true)).toContain(DEFAULT_MIGRATION_TABLE);
  });

  it('lists the schemas of the current database', async () => {
    const schemas = (await test.db.introspection.getSchemas()).map((schema) => schema.name);
    expect(schemas).toEqual(['main', 'staging']);
  });

  it('getMetadata wraps the same tables', async () => {
    const metadata = await test.db.introspection.getMetadata();
    expect(metadata.tables.map((table) => `${table.schema}.${table.name}`)).toEqual([
      'main.account_names',
      'main.accounts',
      'staging.raw_events',
    ]);
  });
});
