import { Warehouse } from '@pulse/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changedMrrMonths } from '../../src/marts/mrr-monthly-months.js';
import { askDecision, varsAsOf as vars } from '../support/partition-decision.js';

type Changes = Map<string, readonly string[] | 'all'>;

describe('changedMrrMonths', () => {
  let db: Warehouse;
  const ask = askDecision(changedMrrMonths, () => db, {
    vars: vars('2026-06-15'),
    previousVars: vars('2026-06-14'),
    relation: 'marts.mrr_monthly',
  });
  const changed = (entries: [string, readonly string[] | 'all'][]) => ({
    changedModels: new Map(entries) as Changes,
  });

  beforeEach(async () => {
    db = await Warehouse.open(':memory:');
    // The spine runs June 2025 – June 2026. A pays from June 2025; B (mid) in May and June 2026; C came
    // without revenue. The mart as built has the segments smb, mid and all.
    await db.exec(`create schema intermediate; create schema marts;
      create table intermediate.int_month_spine as
        select cast(range as date) as month, range = date '2026-06-01' as is_partial_month
        from range(date '2025-06-01', date '2026-07-01', interval 1 month);
      create table intermediate.int_account_segments as select * from (values
        ('A', 'smb'), ('A', 'all'), ('B', 'mid'), ('B', 'all'), ('C', 'smb'), ('C', 'all')) v(account_id, segment);
      create table marts.mrr_account_months as
        select 'A' as account_id, month from intermediate.int_month_spine
        union all select * from (values ('B', date '2026-05-01'), ('B', date '2026-06-01')) v(account_id, month);
      create table marts.mrr_monthly as select month, segment, is_partial_month
        from intermediate.int_month_spine cross join (values ('smb'), ('mid'), ('all')) s(segment);`);
  });
  afterEach(() => db.close());

  it('keeps every month when nothing it reads changed', async () => {
    expect(await ask()).toEqual([]);
  });

  it('rebuilds the months mrr_account_months rebuilt, and the month a year later where the spine has it', async () => {
    expect(await ask(changed([['mrr_account_months', ['2026-06-01']]]))).toEqual(['2026-06-01']);
    expect(await ask(changed([['mrr_account_months', ['2025-06-01']]]))).toEqual([
      '2025-06-01',
      '2026-06-01',
    ]);
  });

  it('rebuilds every month of an account that moved segment; one that came without revenue moves none', async () => {
    expect(await ask(changed([['int_account_segments', ['B']]]))).toEqual(['2026-05-01', '2026-06-01']);
    expect(await ask(changed([['int_account_segments', ['C']]]))).toEqual([]);
  });

  it('is all when the segment axis gained a segment', async () => {
    await db.exec(`insert into intermediate.int_account_segments values ('D', 'strategic'), ('D', 'all')`);
    expect(await ask(changed([['int_account_segments', ['D']]]))).toBe('all');
  });

  it('reads of the spine only its months and their partial flag: a new as_of day in the month moves none', async () => {
    expect(await ask(changed([['int_month_spine', 'all']]))).toEqual([]);
    // as_of moved into July: July came, June is over.
    await db.exec(`update intermediate.int_month_spine set is_partial_month = false;
      insert into intermediate.int_month_spine values (date '2026-07-01', true)`);
    expect(await ask(changed([['int_month_spine', 'all']]))).toEqual(['2026-06-01', '2026-07-01']);
  });

  it('is all when the spine starts in another month: every year-ago base may move', async () => {
    await db.exec(`delete from intermediate.int_month_spine where month = date '2025-06-01'`);
    expect(await ask(changed([['int_month_spine', 'all']]))).toBe('all');
  });

  it('is all when an input was rebuilt whole or a var other than as_of changed', async () => {
    expect(await ask(changed([['mrr_account_months', 'all']]))).toBe('all');
    expect(await ask(changed([['int_account_segments', 'all']]))).toBe('all');
    expect(await ask({ vars: vars('2026-06-15', { reportingCurrency: 'EUR' } as never) })).toBe('all');
  });
});
