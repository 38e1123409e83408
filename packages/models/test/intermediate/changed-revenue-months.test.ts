import { Warehouse } from '@pulse/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PulseVars } from '../../src/config.js';
import { changedRevenueMonths } from '../../src/intermediate/changed-revenue-months.js';
import { askDecision, varsAsOf as vars } from '../support/partition-decision.js';

describe('changedRevenueMonths', () => {
  let db: Warehouse;
  const ask = askDecision(changedRevenueMonths, () => db, {
    vars: vars('2026-09-15'),
    previousVars: vars('2026-09-15'),
    relation: 'intermediate.int_account_months',
  });

  beforeEach(async () => {
    db = await Warehouse.open(':memory:');
    // The spine now runs June to October; the relation as built ran May to September (May went).
    await db.exec(`create schema intermediate;
      create table intermediate.int_month_spine as
        select unnest(generate_series(date '2026-06-01', date '2026-10-01', interval 1 month))::date as month;
      create table intermediate.int_account_months as select * from (values
        ('A', date '2026-05-01', 10.0), ('A', date '2026-06-01', 10.0), ('A', date '2026-09-01', 10.0))
        v(account_id, month, mrr);`);
  });
  afterEach(() => db.close());

  it('keeps every month when no period changed and as_of stayed', async () => {
    expect(await ask({})).toEqual([]);
  });

  it('rebuilds from the as_of month on when only as_of moved within it', async () => {
    expect(await ask({ vars: vars('2026-09-16') })).toEqual(['2026-09-01', '2026-10-01']);
  });

  it('rebuilds from the earliest month a changed period starts in, months that went included', async () => {
    expect(
      await ask({ changedModels: new Map([['stg_subscriptions', ['2026-08-20', '2026-09-16']]]) }),
    ).toEqual(['2026-08-01', '2026-09-01', '2026-10-01']);
    expect(await ask({ changedModels: new Map([['stg_subscriptions', ['2026-04-30']]]) })).toEqual([
      '2026-05-01',
      '2026-06-01',
      '2026-07-01',
      '2026-08-01',
      '2026-09-01',
      '2026-10-01',
    ]);
  });

  it('starts at the earlier as_of when as_of moved back over a month end', async () => {
    expect(await ask({ vars: vars('2026-08-31') })).toEqual(['2026-08-01', '2026-09-01', '2026-10-01']);
  });

  it('is all when stg_subscriptions was rebuilt whole or another var changed', async () => {
    expect(await ask({ changedModels: new Map([['stg_subscriptions', 'all']]) })).toBe('all');
    expect(await ask({ vars: vars('2026-09-15', { reportingCurrency: 'EUR' } as Partial<PulseVars>) })).toBe(
      'all',
    );
  });
});
