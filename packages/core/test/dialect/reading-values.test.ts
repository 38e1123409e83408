import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValueConversionError } from '../../src/dialect/dialect-errors.js';
import { openTestDatabase, selectValue, type TestDatabase } from './test-database.js';

let test: TestDatabase<any>;
beforeAll(async () => {
  test = await openTestDatabase();
});
afterAll(() => test.close());

describe('reading each DuckDB type follows the conversion policy', () => {
  it.each([
    ['TINYINT', '(-128)::tinyint', -128],
    ['SMALLINT', '32767::smallint', 32767],
    ['INTEGER', '(-2147483648)::integer', -2147483648],
    ['BIGINT max safe', '9007199254740991::bigint', Number.MAX_SAFE_INTEGER],
    ['BIGINT min safe', '(-9007199254740991)::bigint', Number.MIN_SAFE_INTEGER],
    ['HUGEINT', '(-42)::hugeint', -42],
    ['UTINYINT', '255::utinyint', 255],
    ['UINTEGER', '4294967295::uinteger', 4294967295],
    ['UBIGINT', '9007199254740991::ubigint', Number.MAX_SAFE_INTEGER],
    ['DECIMAL', '123.45::decimal(10, 2)', 123.45],
    ['negative DECIMAL', "'-0.01'::decimal(4, 2)", -0.01],
    ['wide DECIMAL', "'12345678.9012345678'::decimal(38, 10)", Number('12345678.9012345678')],
    ['FLOAT', '0.1::float', Math.fround(0.1)],
    ['DOUBLE', '0.1::double', 0.1],
    ['VARCHAR', "'héllo ☃ it''s'", "héllo ☃ it's"],
    ['BOOLEAN true', 'true', true],
    ['BOOLEAN false', 'false', false],
    ['DATE', "date '2024-06-01'", '2024-06-01'],
    ['DATE leap day', "date '2024-02-29'", '2024-02-29'],
    ['DATE leap day of 2000', "date '2000-02-29'", '2000-02-29'],
    ['DATE day before the epoch', "date '1969-12-31'", '1969-12-31'],
    ['DATE long before the epoch', "date '1900-03-01'", '1900-03-01'],
    ['DATE year 1', "date '0001-01-01'", '0001-01-01'],
    ['TIMESTAMP', "timestamp '2024-02-29 23:59:59.123456'", new Date('2024-02-29T23:59:59.123Z')],
    ['TIMESTAMP before the epoch', "timestamp '1960-06-15 12:00:00'", new Date('1960-06-15T12:00:00Z')],
    ['TIMESTAMP_S', "timestamp_s '2024-01-02 03:04:05'", new Date('2024-01-02T03:04:05Z')],
    ['TIMESTAMP_MS', "timestamp_ms '2024-01-02 03:04:05.678'", new Date('2024-01-02T03:04:05.678Z')],
    ['TIMESTAMP_NS', "timestamp_ns '2024-01-02 03:04:05.678901234'", new Date('2024-01-02T03:04:05.678Z')],
    ['TIMESTAMPTZ', "'2021-03-31T22:00:00-05:00'::timestamptz", new Date('2021-04-01T03:00:00Z')],
    ['TIME', "time '12:34:56.789'", '12:34:56.789'],
    ['INTERVAL', "interval '1 month 2 days 3 seconds'", { months: 1, days: 2, micros: 3_000_000 }],
    ['UUID', "'8e7c5d1a-0000-4000-8000-000000000001'::uuid", '8e7c5d1a-0000-4000-8000-000000000001'],
    ['LIST', '[1, 2, 3]', [1, 2, 3]],
    ['empty LIST', '[]::integer[]', []],
    ['LIST with a NULL', "['a', null]", ['a', null]],
    ['LIST of BIGINT', '[1::bigint, 2::bigint]', [1, 2]],
    ['STRUCT', "{'a': 1, 'b': 'x', 'c': null::date}", { a: 1, b: 'x', c: null }],
    [
      'LIST of STRUCT',
      "[{'id': 1::bigint, 'day': date '1969-12-31', 'tags': ['x']}, {'id': 2::bigint, 'day': null, 'tags': []}]",
      [
        { id: 1, day: '1969-12-31', tags: ['x'] },
        { id: 2, day: null, tags: [] },
      ],
    ],
    ['MAP', "map {'k': 1::bigint}", [{ key: 'k', value: 1 }]],
  ])('%s: %s', async (_type, expression, expected) => {
    expect(await selectValue(test.db, expression)).toEqual(expected);
  });

  it('BLOB reads as a Uint8Array of its bytes', async () => {
    const blob = await selectValue(test.db, "'\\x00\\xFF'::blob");
    expect(blob).toBeInstanceOf(Uint8Array);
    expect([...(blob as Uint8Array)]).toEqual([0, 255]);
  });

  it.each([
    'tinyint',
    'smallint',
    'integer',
    'bigint',
    'hugeint',
    'ubigint',
    'decimal(10, 2)',
    'float',
    'double',
    'varchar',
    'boolean',
    'date',
    'timestamp',
    'timestamptz',
    'integer[]',
    'struct(a bigint)',
  ])('NULL::%s reads as null', async (type) => {
    expect(await selectValue(test.db, `null::${type}`)).toBeNull();
  });

  it('reads a whole row of mixed types with the column names as keys', async () => {
    const { rows } = await sql`
      select 1::bigint as id, date '2024-02-29' as day, null::bigint as missing, 2.5::decimal(3,1) as amount`.execute(
      test.db,
    );
    expect(rows).toEqual([{ id: 1, day: '2024-02-29', missing: null, amount: 2.5 }]);
  });
});

describe('values JS cannot hold are refused, naming the column', () => {
  it.each([
    ['HUGEINT past 2^53', '9007199254740992::hugeint'],
    ['HUGEINT far past 2^64', '(2::hugeint ** 70)::hugeint'],
    ['negative BIGINT past -2^53', '(-9007199254740992)::bigint'],
    ['UBIGINT max', '18446744073709551615::ubigint'],
    ['BIGINT inside a LIST', '[9007199254740992::bigint]'],
    ['infinite DATE', "'infinity'::date"],
    ['infinite TIMESTAMP', "'infinity'::timestamp"],
    ['negative infinite TIMESTAMPTZ', "'-infinity'::timestamptz"],
  ])('%s throws ValueConversionError', async (_case, expression) => {
    const reading = sql`select ${sql.raw(expression)} as too_big`.execute(test.db);
    await expect(reading).rejects.toThrow(ValueConversionError);
    await expect(reading).rejects.toThrow(/Column "too_big"/);
  });

  it('says how to get the value anyway', async () => {
    await expect(selectValue(test.db, '9007199254740992::hugeint')).rejects.toThrow(
      /cast it to DOUBLE or VARCHAR/,
    );
  });
});

describe('aggregates come back as plain numbers', () => {
  beforeAll(async () => {
    await test.db.schema.createTable('accounts').addColumn('mrr', 'integer').execute();
    await test.db
      .insertInto('accounts')
      .values([{ mrr: 10 }, { mrr: 20 }, { mrr: 30 }])
      .execute();
  });

  it('count(*) as count is [{ count: n }] with n a number', async () => {
    const rows = await test.db
      .selectFrom('accounts')
      .select((eb) => eb.fn.countAll().as('count'))
      .execute();
    expect(rows).toEqual([{ count: 3 }]);
    expect(typeof rows[0]!.count).toBe('number');
  });

  it('sum(integer), a HUGEINT in DuckDB, is a number', async () => {
    const rows = await test.db
      .selectFrom('accounts')
      .select((eb) => eb.fn.sum('mrr').as('total'))
      .execute();
    expect(rows).toEqual([{ total: 60 }]);
  });

  it('avg and a DECIMAL sum are numbers', async () => {
    const { rows } =
      await sql`select avg(mrr) as mean, sum(mrr::decimal(10, 2)) as exact from accounts`.execute(test.db);
    expect(rows).toEqual([{ mean: 20, exact: 60 }]);
  });
});
