import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ParameterBindingError } from '../../src/dialect/dialect-errors.js';
import { bindAndRead, openTestDatabase, type TestDatabase } from './test-database.js';

let test: TestDatabase<any>;
beforeAll(async () => {
  test = await openTestDatabase();
});
afterAll(() => test.close());

describe('each JS value binds with an explicit DuckDB type and reads back', () => {
  it.each<[string, unknown, string, unknown]>([
    ['32-bit integer', 42, 'INTEGER', 42],
    ['smallest 32-bit integer', -(2 ** 31), 'INTEGER', -(2 ** 31)],
    ['integer past 32 bits', 2 ** 31, 'BIGINT', 2 ** 31],
    ['largest safe integer', Number.MAX_SAFE_INTEGER, 'BIGINT', Number.MAX_SAFE_INTEGER],
    ['integer past 2^53', 2 ** 53, 'DOUBLE', 2 ** 53],
    ['fraction', 1.5, 'DOUBLE', 1.5],
    ['negative zero', -0, 'DOUBLE', -0],
    ['NaN', Number.NaN, 'DOUBLE', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY, 'DOUBLE', Number.POSITIVE_INFINITY],
    ['bigint', 12n, 'BIGINT', 12],
    ['negative bigint', -(2n ** 40n), 'BIGINT', -(2 ** 40)],
    ['string with a quote', "it's", 'VARCHAR', "it's"],
    ['empty string', '', 'VARCHAR', ''],
    ['boolean', true, 'BOOLEAN', true],
    ['Date', new Date('2024-02-29T12:34:56.789Z'), 'TIMESTAMP', new Date('2024-02-29T12:34:56.789Z')],
    [
      'Date before the epoch',
      new Date('1969-07-20T20:17:40Z'),
      'TIMESTAMP',
      new Date('1969-07-20T20:17:40Z'),
    ],
    ['null', null, '"NULL"', null],
    ['undefined', undefined, '"NULL"', null],
    ['array of integers', [1, 2], 'INTEGER[]', [1, 2]],
    ['empty array', [], '"NULL"[]', []],
    ['all-null array', [null], '"NULL"[]', [null]],
    ['integers widening to BIGINT', [1, 3e9], 'BIGINT[]', [1, 3e9]],
    ['integers and bigints', [1, 2n], 'BIGINT[]', [1, 2]],
    ['integers widening to DOUBLE', [1, 1.5], 'DOUBLE[]', [1, 1.5]],
    ['strings with a null', ['a', null], 'VARCHAR[]', ['a', null]],
    ['nested arrays, one empty', [[1], [], null, [2, 3]], 'INTEGER[][]', [[1], [], null, [2, 3]]],
    ['array of Dates', [new Date('2024-01-01T00:00:00Z')], 'TIMESTAMP[]', [new Date('2024-01-01T00:00:00Z')]],
  ])('%s', async (_case, value, type, readBack) => {
    expect(await bindAndRead(test.db, value)).toEqual({ type, v: readBack });
  });

  it('binds a Uint8Array as a BLOB', async () => {
    const { type, v } = await bindAndRead(test.db, new Uint8Array([0, 1, 255]));
    expect(type).toBe('BLOB');
    expect([...(v as Uint8Array)]).toEqual([0, 1, 255]);
  });

  it('keeps a large safe integer an integer where DuckDB needs one', async () => {
    const { rows } = await sql<{ half: number; n: number }>`
      select ${3_000_000_001} // 2 as half, (select count(*) from range(${3_000_000_000}, ${3_000_000_005})) as n`.execute(
      test.db,
    );
    expect(rows).toEqual([{ half: 1_500_000_000, n: 5 }]);
  });
});

describe('bound values meet real columns', () => {
  beforeAll(async () => {
    await sql`create table events (id integer, happened_at timestamp, tags integer[], note varchar)`.execute(
      test.db,
    );
    await sql`insert into events values
      (1, '2024-01-01 00:00:00', [1], null), (2, '2024-01-02 12:00:00', [], null),
      (3, '1969-12-31 23:59:59', null, null)`.execute(test.db);
  });

  it('a Date compares with a TIMESTAMP column as the same UTC instant', async () => {
    const rows = await test.db
      .selectFrom('events')
      .select('id')
      .where('happened_at', '>=', new Date('2024-01-02T12:00:00Z'))
      .execute();
    expect(rows).toEqual([{ id: 2 }]);
  });

  it('an empty array inserts into and compares with an INTEGER[] column', async () => {
    await test.db.insertInto('events').values({ id: 4, tags: [] }).execute();
    const rows = await test.db
      .selectFrom('events')
      .select('id')
      .where('tags', '=', sql`${[]}`)
      .orderBy('id')
      .execute();
    expect(rows).toEqual([{ id: 2 }, { id: 4 }]);
  });

  it('an array is usable as a list of candidates', async () => {
    const { rows } = await sql<{
      id: number;
    }>`select id from events where list_contains(${[1, 3]}, id) order by id`.execute(test.db);
    expect(rows).toEqual([{ id: 1 }, { id: 3 }]);
  });

  it("a string holding SQL stays data: '); drop table events; --", async () => {
    const hostile = "'); drop table events; --";
    await test.db.insertInto('events').values({ id: 99, note: hostile }).execute();
    const rows = await test.db
      .selectFrom('events')
      .select(['id', 'note'])
      .where('note', '=', hostile)
      .execute();
    expect(rows).toEqual([{ id: 99, note: hostile }]);
    const { rows: tables } =
      await sql`select table_name from duckdb_tables() where table_name = 'events'`.execute(test.db);
    expect(tables).toHaveLength(1);
  });
});

describe('values with no DuckDB type are refused before DuckDB sees them', () => {
  it.each<[string, unknown, RegExp]>([
    ['an array mixing strings and numbers', ['a', 1], /\$1 is an array mixing VARCHAR and INTEGER/],
    ['an array mixing lists and scalars', [[1], 2], /\$1 is an array mixing INTEGER\[\] and INTEGER/],
    ['a plain object', { a: 1 }, /\$1 has type Object/],
    ['a bigint past BIGINT', 2n ** 63n, /\$1 .* does not fit DuckDB's BIGINT/],
    ['an invalid Date', new Date(Number.NaN), /\$1 is an invalid Date/],
    ['fractions mixed with a huge bigint', [1.5, 2n ** 60n], /\$1 mixes fractional numbers/],
  ])('%s', async (_case, value, message) => {
    const query = sql`select ${value} as v`.execute(test.db);
    await expect(query).rejects.toThrow(ParameterBindingError);
    await expect(query).rejects.toThrow(message);
  });

  it('names the position of the offending parameter', async () => {
    await expect(sql`select ${1} as a, ${{}} as b`.execute(test.db)).rejects.toThrow(/Parameter \$2/);
  });
});
