import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { Warehouse } from '../../src/warehouse/warehouse.js';

let warehouse: Warehouse | undefined;
afterEach(async () => {
  await warehouse?.close();
  warehouse = undefined;
});

describe('Warehouse: one door to DuckDB', () => {
  it('SQL text waits for a Kysely stream that holds the connection, instead of cutting into it', async () => {
    warehouse = await Warehouse.open(':memory:');
    const rows = warehouse
      .db<any>()
      .selectFrom(sql`range(5000)`.as('r'))
      .select(sql<bigint>`range`.as('n'))
      .stream(100);
    const iterator = rows[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.value).toEqual({ n: 0 });
    // The stream holds the dialect's connection: a statement given as text must queue behind it.
    let answered = false;
    const answer = warehouse.query<{ x: number }>('select 42 as x').then((result) => {
      answered = true;
      return result;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(answered).toBe(false);
    let count = 1;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) count += 1;
    expect(count).toBe(5000);
    expect(await answer).toEqual([{ x: 42 }]);
  });

  it('change() counts the rows a statement changed, through the dialect', async () => {
    warehouse = await Warehouse.open(':memory:');
    await warehouse.exec('create table t as select range as n from range(10)');
    expect(await warehouse.change('delete from t where n < $1', [4])).toBe(4);
    expect(await warehouse.query('select count(*)::INTEGER as n from t')).toEqual([{ n: 6 }]);
  });

  it('transaction() commits what its work did, rolls all of it back when the work throws, and does not nest', async () => {
    warehouse = await Warehouse.open(':memory:');
    const opened = warehouse;
    await opened.exec('create table t (n INTEGER)');
    await opened.transaction(async (transaction) => {
      await transaction.exec('insert into t values (1), (2)');
      expect(await transaction.query('select count(*)::INTEGER as n from t')).toEqual([{ n: 2 }]);
    });
    const failed = opened.transaction(async (transaction) => {
      await transaction.exec('insert into t values (3)');
      await transaction.exec('create table t (n INTEGER)'); // already exists: the work throws
    });
    await expect(failed).rejects.toThrow(/already exists/);
    expect(await opened.query('select list(n order by n) as n from t')).toEqual([{ n: [1, 2] }]);
    await expect(
      opened.transaction((transaction) => transaction.transaction(async () => undefined)),
    ).rejects.toThrow(/cannot be nested/);
    // The connection is free again once each transaction ended.
    expect(await opened.query('select 1 as one')).toEqual([{ one: 1 }]);
  });
});
