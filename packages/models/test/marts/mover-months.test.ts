import { Warehouse } from '@pulse/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changedMoverMonths } from '../../src/marts/mover-months.js';
import { askDecision, varsAsOf as vars } from '../support/partition-decision.js';

describe('changedMoverMonths', () => {
  let db: Warehouse;
  const ask = askDecision(changedMoverMonths, () => db, {
    vars: vars('2026-06-15'),
    relation: 'marts.mrr_movers',
  });

  beforeEach(async () => {
    db = await Warehouse.open(':memory:');
    // Now: A as before; B renamed (Bet → Beta); C new, moving in June. As built: D, gone now, moved in March.
    await db.exec(`create schema staging; create schema marts;
      create table staging.stg_accounts as select * from (values
        ('A', 'smb', 'Acme'), ('B', 'mid', 'Beta'), ('C', 'smb', 'Cee')) v(account_id, segment, name);
      create table marts.mrr_account_months as select * from (values
        ('A', date '2026-05-01', 'new'), ('A', date '2026-06-01', 'none'),
        ('B', date '2026-04-01', 'new'), ('B', date '2026-05-01', 'none'), ('B', date '2026-06-01', 'expansion'),
        ('C', date '2026-06-01', 'new')) v(account_id, month, movement);
      create table marts.mrr_movers as
        select month, s.segment, movement, account_id, account_name from (values
          (date '2026-05-01', 'new', 'A', 'Acme', 'smb'), (date '2026-04-01', 'new', 'B', 'Bet', 'mid'),
          (date '2026-06-01', 'expansion', 'B', 'Bet', 'mid'), (date '2026-03-01', 'new', 'D', 'Dee', 'smb'))
          v(month, movement, account_id, account_name, own)
        cross join lateral (select own as segment union all select 'all') s;`);
  });
  afterEach(() => db.close());

  it('keeps every month when nothing it reads changed', async () => {
    expect(await ask()).toEqual([]);
  });

  it('rebuilds the months mrr_account_months rebuilt', async () => {
    expect(await ask({ changedModels: new Map([['mrr_account_months', ['2026-06-01']]]) })).toEqual([
      '2026-06-01',
    ]);
  });

  it('adds every month of the accounts whose segment or name changed, came or went; A stays', async () => {
    expect(
      await ask({
        changedModels: new Map([
          ['stg_accounts', 'all'],
          ['int_account_segments', 'all'],
          ['mrr_monthly', 'all'],
        ]),
      }),
    ).toEqual(['2026-03-01', '2026-04-01', '2026-06-01']);
  });

  it('is all when mrr_account_months was rebuilt whole or a var other than as_of changed', async () => {
    expect(await ask({ changedModels: new Map([['mrr_account_months', 'all']]) })).toBe('all');
    expect(await ask({ vars: vars('2026-06-15', { reportingCurrency: 'EUR' } as never) })).toBe('all');
  });
});
