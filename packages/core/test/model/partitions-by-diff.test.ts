import { CompiledQuery } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { partitionsWhoseRowsDiffer, Warehouse } from '../../src/index.js';

describe('partitionsWhoseRowsDiffer', () => {
  let db: Warehouse;
  beforeEach(async () => {
    db = await Warehouse.open(':memory:');
    await db.exec(`create table built as select * from (values
      ('s1', date '2026-01-05', 10.5, null::date),
      ('s2', date '2026-02-01', 20.0, date '2026-03-01'),
      ('s3', date '2026-03-09', 30.0, null),
      ('s4', date '2026-03-09', 40.0, null)) v(id, start_date, mrr, end_date)`);
  });
  afterEach(() => db.close());

  const differing = (rowsNow: string, parameters: readonly unknown[] = []) =>
    partitionsWhoseRowsDiffer(
      db.db<any>(),
      { relation: 'built', rowsNow: CompiledQuery.raw(rowsNow, [...parameters]) },
      'start_date',
      ['id', 'start_date', 'mrr', 'end_date'],
    );

  it('gives nothing for the same rows, NULLs included, whatever their order', async () => {
    expect(await differing('select * from built order by id desc')).toEqual([]);
  });

  it('gives the partitions of rows that came, went or changed in any column, before and after', async () => {
    expect(
      await differing(`
        select id, start_date, case when id = 's2' then 21.0 else mrr end as mrr, end_date from built
        where id <> 's3'
        union all select 's5', date '2026-04-10', 5.0, null
        union all select 's1', date '2025-12-31', 10.5, null`),
    ).toEqual(['2025-12-31', '2026-02-01', '2026-03-09', '2026-04-10']);
  });

  it('sees an end date that appears, and binds the query’s own parameters', async () => {
    expect(
      await differing(
        `select id, start_date, mrr, case when id = $1 then date '2026-06-01' else end_date end as end_date
         from built`,
        ['s1'],
      ),
    ).toEqual(['2026-01-05']);
  });

  it('is all when a differing row has no partition value', async () => {
    expect(await differing(`select * from built union all select 's9', null, 1.0, null`)).toBe('all');
  });
});
