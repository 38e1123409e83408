import { Warehouse } from '@pulse/core';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  dayRanges,
  daysAsOfMovedOver,
  eventDayOf,
  inEventDays,
  monthsOfDays,
} from '../../src/staging/event-partitions.js';

// Instants at and around day and month boundaries (TIMESTAMP, as raw.events stores occurred_at), and a NULL.
const instants = [
  '2026-08-31 23:59:59.999999',
  '2026-09-01 00:00:00',
  '2026-09-01 12:00:00',
  '2026-09-01 23:59:59.999999',
  '2026-09-02 00:00:00',
  '2026-09-03 08:00:00',
  '2026-10-01 00:00:00',
  '2024-02-29 08:00:00',
  '2024-03-01 00:00:00',
  null,
];

describe('inEventDays', () => {
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

  const ids = async (where: ReturnType<typeof inEventDays>) =>
    (await db.db<any>().selectFrom('t').select('id').where(where).orderBy('id').execute()).map(
      (row) => row.id,
    );

  it.each([
    [['2026-09-01']],
    [['2026-09-02']],
    [['2026-09-01', '2026-09-02']],
    [['2026-08-31', '2026-09-01', '2026-09-02', '2026-09-03']],
    [['2026-09-01', '2026-09-03']],
    [['2024-02-29', '2026-10-01']],
    [['2024-02-28', '2024-02-29', '2024-03-01']],
    [['2025-01-01']],
  ])('selects the rows whose day as text is one of %j', async (days) => {
    const byText = await ids(sql`${eventDayOf('occurred_at')} in (${sql.join(days)})`);
    expect(await ids(inEventDays('occurred_at', days))).toEqual(byText);
  });

  it('knows the boundaries: a day holds its first instant and not the next day’s', async () => {
    expect(await ids(inEventDays('occurred_at', ['2026-09-01']))).toEqual([1, 2, 3]);
  });

  it('selects nothing for no day', async () => {
    expect(await ids(inEventDays('occurred_at', []))).toEqual([]);
  });
});

describe('dayRanges', () => {
  it('joins consecutive days, across month and leap-day ends, and keeps gaps apart', () => {
    expect(dayRanges(['2026-09-03', '2026-09-01', '2026-09-02', '2026-09-02'])).toEqual([
      { from: '2026-09-01', until: '2026-09-04' },
    ]);
    expect(dayRanges(['2024-02-28', '2024-02-29', '2024-03-01', '2024-03-03'])).toEqual([
      { from: '2024-02-28', until: '2024-03-02' },
      { from: '2024-03-03', until: '2024-03-04' },
    ]);
    expect(dayRanges(['2026-12-31', '2027-01-01'])).toEqual([{ from: '2026-12-31', until: '2027-01-02' }]);
    expect(dayRanges([])).toEqual([]);
  });
});

describe('monthsOfDays', () => {
  it('gives each month of the days once, in order, and passes `all` through', () => {
    expect(monthsOfDays(['2026-10-16', '2026-09-30', '2026-10-01'])).toEqual(['2026-09-01', '2026-10-01']);
    expect(monthsOfDays([])).toEqual([]);
    expect(monthsOfDays('all')).toBe('all');
  });
});

describe('daysAsOfMovedOver', () => {
  it('gives the days after the earlier as_of up to the later one, whichever way as_of moved', () => {
    // The nightly case: one day forward is that day alone; the old as_of day counted before and still does.
    expect(daysAsOfMovedOver('2026-10-15', '2026-10-16')).toEqual(['2026-10-16']);
    // Back over a month end and a leap day: the days that drop out, not the new as_of day.
    expect(daysAsOfMovedOver('2024-03-01', '2024-02-27')).toEqual(['2024-02-28', '2024-02-29', '2024-03-01']);
    expect(daysAsOfMovedOver('2026-12-30', '2027-01-01')).toEqual(['2026-12-31', '2027-01-01']);
    expect(daysAsOfMovedOver('2026-10-16', '2026-10-16')).toEqual([]);
  });
});
