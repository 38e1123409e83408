import { Warehouse } from '@pulse/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PulseVars } from '../../src/config.js';
import { asOfBoundMonths, inMonths } from '../../src/staging/as-of-partitions.js';
import { askDecision, varsAsOf as vars } from '../support/partition-decision.js';

describe('inMonths', () => {
  let db: Warehouse;
  beforeEach(async () => {
    db = await Warehouse.open(':memory:');
    await db.exec(`create table t as select * from (values
      (1, timestamp '2026-08-31 23:59:59.999999'), (2, timestamp '2026-09-01 00:00:00'),
      (3, timestamp '2026-09-30 23:59:59.999999'), (4, timestamp '2026-10-01 00:00:00'),
      (5, timestamp '2026-12-31 23:00:00'), (6, timestamp '2027-01-01 00:00:00'), (7, null)) v(id, stamped)`);
  });
  afterEach(() => db.close());
  const ids = async (months: readonly string[]) =>
    (
      await db
        .db<any>()
        .selectFrom('t')
        .select('id')
        .where(inMonths('stamped', months))
        .orderBy('id')
        .execute()
    ).map((row) => row.id);

  it('holds a month from its first instant to the last before the next month, over a year end', async () => {
    expect(await ids(['2026-09-01'])).toEqual([2, 3]);
    expect(await ids(['2026-12-01'])).toEqual([5]);
    expect(await ids(['2026-08-01', '2027-01-01'])).toEqual([1, 6]);
    expect(await ids([])).toEqual([]);
  });
});

describe('asOfBoundMonths (stg_tickets’ months)', () => {
  let db: Warehouse;
  const changed = asOfBoundMonths({
    source: 'tickets',
    monthOf: 'created_at',
    knownBy: ['created_at', 'first_response_at', 'resolved_at'],
    otherInputs: [{ name: 'stg_other' }],
  });
  const ask = askDecision(changed, () => db, {
    vars: vars('2026-09-02'),
    previousVars: vars('2026-09-01'),
    relation: 'staging.stg_tickets',
  });

  beforeEach(async () => {
    db = await Warehouse.open(':memory:');
    await db.exec(`create schema raw; create schema staging;
      create table raw.tickets as select * from (values
        -- created in August, answered on 2026-09-02: its reply comes in when as_of moves onto that day
        ('a', 'A1', timestamp '2026-08-30 10:00', timestamp '2026-09-02 09:00', null::timestamp),
        -- created on the new as_of day
        ('b', 'A1', timestamp '2026-09-02 11:00', null, null),
        -- created in July, resolved on 2026-09-03: still unknown at the new as_of
        ('c', 'A1', timestamp '2026-07-10 10:00', timestamp '2026-07-10 11:00', timestamp '2026-09-03 08:00'),
        -- answered on the old as_of day itself: known before and after
        ('d', 'A1', timestamp '2026-06-01 10:00', timestamp '2026-09-01 23:00', null),
        -- of an account that came (A2) and of one that went (A3)
        ('e', 'A2', timestamp '2026-05-05 10:00', null, null),
        ('f', 'A3', timestamp '2026-04-04 10:00', null, null)
      ) v(ticket_id, account_id, created_at, first_response_at, resolved_at);
      create table staging.stg_accounts as select * from (values ('A1'), ('A2')) v(account_id);
      create table staging.stg_tickets as select * from (values ('a', 'A1'), ('c', 'A1'), ('d', 'A1'), ('f', 'A3'))
        v(ticket_id, account_id);`);
  });
  afterEach(() => db.close());

  it('gives the months of the rows created, answered or resolved in the day as_of moved over', async () => {
    expect(await ask({})).toEqual(['2026-08-01', '2026-09-01']);
  });

  it('works the same when as_of moves back', async () => {
    expect(await ask({ vars: vars('2026-09-01'), previousVars: vars('2026-09-02') })).toEqual([
      '2026-08-01',
      '2026-09-01',
    ]);
  });

  it('gives nothing when only a model it does not read changed and as_of stayed', async () => {
    expect(await ask({ vars: vars('2026-09-01'), changedModels: new Map([['stg_events', 'all']]) })).toEqual(
      [],
    );
  });

  it('adds the months of the rows of accounts that came or went when stg_accounts changed', async () => {
    expect(
      await ask({ vars: vars('2026-09-01'), changedModels: new Map([['stg_accounts', 'all']]) }),
    ).toEqual(['2026-04-01', '2026-05-01']);
  });

  it('is all for a change of its source, of another input or of another var', async () => {
    expect(await ask({ changedSources: new Map([['tickets', ['tickets/new.csv']]]) })).toBe('all');
    expect(await ask({ changedModels: new Map([['stg_other', 'all']]) })).toBe('all');
    expect(await ask({ vars: vars('2026-09-02', { reportingCurrency: 'EUR' } as Partial<PulseVars>) })).toBe(
      'all',
    );
  });

  it('ignores a change of min_group_size: only the site reads it', async () => {
    expect(
      await ask({
        vars: vars('2026-09-01', { minGroupSize: 5 } as Partial<PulseVars>),
        previousVars: vars('2026-09-01'),
      }),
    ).toEqual([]);
  });
});
