import { Warehouse } from '@pulse/core';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventMonthOf, inEventMonths } from '../../src/staging/event-month-partitions.js';

// Instants at and around month boundaries (TIMESTAMP, as raw.events stores occurred_at), and a NULL.
const instants = [
  '2026-08-31 23:59:59.999999',
  '2026-09-01 00:00:00',
  '2026-09-15 12:00:00',
  '2026-09-30 23:59:59.999999',
  '2026-10-01 00:00:00',
  '2026-10-31 23:59:59',
  '2026-11-01 00:00:00',
  '2024-02-29 08:00:00',
  null,
];

describe('inEventMonths', () => {
  let db: Warehouse;
  beforeEach(async () => {
    db = await Warehouse.open(':memory:');
    await db.exec('create table t (id integer, occurred_at timestamp)');
    await db.append(
      'main',
      't',
      instants.map((at, i) => [i, at === null ? null : new Date(`${at.replace(' ', 'T')}Z`)]),
    );
  });
  afterEach(() => db.close());

  const ids = async (where: ReturnType<typeof inEventMonths>) =>
    (await db.db<any>().selectFrom('t').select('id').where(where).orderBy('id').execute()).map(
      (row) => row.id,
    );

  it.each([
    [['2026-09-01']],
    [['2026-10-01']],
    [['2026-09-01', '2026-11-01']],
    [['2024-02-01', '2026-10-01']],
    [['2025-01-01']],
  ])('selects the rows whose month as text is one of %j', async (months) => {
    const byText = await ids(sql`${eventMonthOf('occurred_at')} in (${sql.join(months)})`);
    expect(await ids(inEventMonths('occurred_at', months))).toEqual(byText);
  });

  it('knows the boundaries: a month holds its first instant and not the next month’s', async () => {
    expect(await ids(inEventMonths('occurred_at', ['2026-09-01']))).toEqual([1, 2, 3]);
  });

  it('selects nothing for no month', async () => {
    expect(await ids(inEventMonths('occurred_at', []))).toEqual([]);
  });
});
