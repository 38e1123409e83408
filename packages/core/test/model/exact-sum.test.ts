import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exactSum, exactSumWhere, Warehouse } from '../../src/index.js';

interface Db {
  't.amounts': { grp: string; position: number; amount: number | null };
}

let warehouse: Warehouse;
let db: Kysely<Db>;

beforeAll(async () => {
  warehouse = await Warehouse.open(':memory:');
  await warehouse.exec('create schema t');
  // Group a: 0.1, 0.2, 0.3 (a plain sum gives 0.6000000000000001 or 0.6 depending on the order);
  // b: 1e16, 1, -1e16 (a plain sum in this order loses the 1); c: one value; d: only NULL.
  await warehouse.exec(`
    create table t.amounts as
    select * from (values
      ('a', 1, 0.1::double), ('a', 2, 0.2), ('a', 3, 0.3),
      ('b', 1, 1e16::double), ('b', 2, 1), ('b', 3, -1e16),
      ('c', 1, 1::double / 3),
      ('d', 1, null)
    ) as v(grp, position, amount)`);
  db = warehouse.db<Db>();
});
afterAll(() => warehouse.close());

const sums = (order: 'asc' | 'desc') =>
  db
    .selectFrom((sub) =>
      sub.selectFrom('t.amounts').selectAll().orderBy('position', order).limit(100).as('ordered'),
    )
    .select((eb) => [
      'grp',
      exactSum(eb, 'amount').as('exact'),
      exactSumWhere(eb, 'amount', eb('position', '>', 1)).as('exact_after_first'),
    ])
    .groupBy('grp')
    .orderBy('grp')
    .execute();

describe('exactSum', () => {
  it('compiles to a HUGEINT sum of 2^-70 units, rounded to DOUBLE once', () => {
    const compiled = db
      .selectFrom('t.amounts')
      .select((eb) => exactSum(eb, 'amount').as('total'))
      .compile().sql;
    expect(compiled).toBe(
      'select ((sum((("amount") * 1180591620717411303424.0::double)::hugeint))::varchar::double / 1180591620717411303424.0::double) as "total" from "t"."amounts"',
    );
  });

  it('gives the correctly rounded sum, whatever the order of the rows', async () => {
    const forward = await sums('asc');
    expect(forward).toEqual([
      { grp: 'a', exact: 0.6, exact_after_first: 0.5 },
      { grp: 'b', exact: 1, exact_after_first: 1 - 1e16 },
      // One value comes back unchanged; the filter matches no row of c or d: NULL, as sum() gives.
      { grp: 'c', exact: 1 / 3, exact_after_first: null },
      { grp: 'd', exact: null, exact_after_first: null },
    ]);
    expect(await sums('desc')).toEqual(forward);
    // What a plain sum gives for a and b in file order, for contrast.
    expect(0.1 + 0.2 + 0.3).toBe(0.6000000000000001);
    expect(1e16 + 1 - 1e16).toBe(0);
  });

  it('checks column names at compile time (tsc fails on an unused @ts-expect-error)', () => {
    const misspelt = () =>
      db.selectFrom('t.amounts').select((eb) => [
        // @ts-expect-error `amont` is not a column of t.amounts.
        exactSum(eb, 'amont').as('a'),
        // @ts-expect-error `positon` is not a column of t.amounts.
        exactSumWhere(eb, 'amount', eb('positon', '>', 1)).as('b'),
      ]);
    expect(misspelt).toBeTypeOf('function');
  });

  it('fails loudly rather than wrapping when a value is beyond 2^57', async () => {
    await expect(
      warehouse.query('select ((1e18::double * 1180591620717411303424.0::double)::hugeint) as x'),
    ).rejects.toThrow(/out of range|overflow|Conversion/i);
  });
});
