import { Warehouse } from '@pulse/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changedHealthMonths } from '../../src/marts/health-score-months.js';
import { askDecision, varsAsOf as vars } from '../support/partition-decision.js';

describe('changedHealthMonths', () => {
  let db: Warehouse;
  const ask = askDecision(changedHealthMonths, () => db, {
    vars: vars('2026-06-15'),
    previousVars: vars('2026-06-15'),
    relation: 'marts.health_scores',
  });

  beforeEach(async () => {
    db = await Warehouse.open(':memory:');
    // A pays January to June; B paid January and February (then 0), now in the mid segment; C is new in June.
    // As built, B was smb and C did not exist.
    await db.exec(`create schema staging; create schema marts;
      create table staging.stg_accounts as select * from (values ('A', 'smb'), ('B', 'mid'), ('C', 'smb'))
        v(account_id, segment);
      create table marts.mrr_account_months as
        select 'A' as account_id, unnest(generate_series(date '2026-01-01', date '2026-06-01', interval 1 month))::date as month, 10.0 as mrr
        union all select * from (values ('B', date '2026-01-01', 5.0), ('B', date '2026-02-01', 5.0),
          ('B', date '2026-03-01', 0.0), ('C', date '2026-06-01', 9.0)) v(account_id, month, mrr);
      create table marts.health_scores as
        select account_id, month, case when account_id = 'B' then 'smb' else 'smb' end as segment
        from marts.mrr_account_months where mrr > 0 and account_id <> 'C';`);
  });
  afterEach(() => db.close());

  it('keeps every month when nothing it reads changed', async () => {
    expect(await ask({})).toEqual([]);
  });

  it('rebuilds the months of the monthly marts rebuilt and the 3 after each that hold rows', async () => {
    expect(await ask({ changedModels: new Map([['mrr_account_months', ['2026-02-01']]]) })).toEqual([
      '2026-02-01',
      '2026-03-01',
      '2026-04-01',
      '2026-05-01',
    ]);
    expect(await ask({ changedModels: new Map([['engagement_account_months', ['2026-05-01']]]) })).toEqual([
      '2026-05-01',
      '2026-06-01',
    ]);
  });

  it('rebuilds every month from the earliest month of a rebuilt survey or ticket on', async () => {
    expect(
      await ask({
        changedModels: new Map([
          ['stg_tickets', ['2026-04-01']],
          ['stg_survey_responses', ['2026-05-01']],
        ]),
      }),
    ).toEqual(['2026-04-01', '2026-05-01', '2026-06-01']);
  });

  it('rebuilds the as_of months when only as_of moved', async () => {
    expect(await ask({ vars: vars('2026-06-16') })).toEqual(['2026-06-01']);
    expect(await ask({ previousVars: vars('2026-04-30') })).toEqual([
      '2026-04-01',
      '2026-05-01',
      '2026-06-01',
    ]);
  });

  it('rebuilds every month of the accounts whose segment changed, came or went', async () => {
    expect(await ask({ changedModels: new Map([['stg_accounts', 'all']]) })).toEqual([
      '2026-01-01',
      '2026-02-01',
      '2026-06-01',
    ]);
  });

  it('is all when another var, the optional sources or an input rebuilt whole changed', async () => {
    expect(await ask({ vars: vars('2026-06-15', { healthWeights: { engagement: 1 } } as never) })).toBe(
      'all',
    );
    expect(await ask({ changedModels: new Map([['int_optional_sources', 'all']]) })).toBe('all');
    for (const model of [
      'mrr_account_months',
      'engagement_account_months',
      'stg_tickets',
      'stg_survey_responses',
    ])
      expect(await ask({ changedModels: new Map([[model, 'all']]) })).toBe('all');
  });
});
