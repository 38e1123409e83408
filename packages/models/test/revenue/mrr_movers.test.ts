import { Warehouse } from '@pulse/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revenueModels } from '../../src/revenue-models.js';
import type { RawFixture } from '../support/raw-fixture.js';
import { baseVars, buildRevenue, failingDataTests } from '../support/revenue-build.js';

// Three full months, January to March 2024; snapshot days Jan 31, Feb 29, Mar 31.
const AS_OF = '2024-03-31';

const fixture: RawFixture = {
  accounts: [
    { account_id: 'A', name: 'Acme', created_at: '2024-01-01T00:00:00Z', segment: 'smb' },
    { account_id: 'B', name: 'Bolt', created_at: '2024-01-01T00:00:00Z', segment: 'smb' },
    { account_id: 'C', name: 'Crux', created_at: '2024-01-01T00:00:00Z', segment: 'enterprise' },
    { account_id: 'D', name: 'Dyne', created_at: '2024-01-01T00:00:00Z', segment: 'enterprise' },
    { account_id: 'E', created_at: '2024-01-01T00:00:00Z', segment: 'smb' },
    // Trial only: never moves MRR, so never a mover.
    { account_id: 'F', created_at: '2024-01-01T00:00:00Z', segment: 'smb' },
  ],
  subscriptions: [
    // A: 100 from January, 150 from March: new +100 (Jan), expansion +50 (Mar).
    { subscription_id: 'a1', account_id: 'A', amount: 100, start_date: '2024-01-01', end_date: '2024-03-01' },
    { subscription_id: 'a1', account_id: 'A', amount: 150, start_date: '2024-03-01' },
    // B: 100 in January only: new +100 (Jan), churn −100 (Feb).
    { subscription_id: 'b1', account_id: 'B', amount: 100, start_date: '2024-01-01', end_date: '2024-02-15' },
    // C: 300 from February, 200 from March: new +300 (Feb), contraction −100 (Mar).
    { subscription_id: 'c1', account_id: 'C', amount: 300, start_date: '2024-02-01', end_date: '2024-03-01' },
    { subscription_id: 'c1', account_id: 'C', amount: 200, start_date: '2024-03-01' },
    // D: 50 in January, nothing in February, 80 from March: new +50, churn −50, reactivation +80.
    { subscription_id: 'd1', account_id: 'D', amount: 50, start_date: '2024-01-01', end_date: '2024-02-01' },
    { subscription_id: 'd2', account_id: 'D', amount: 80, start_date: '2024-03-01' },
    // E: 100 from January: new +100, ties with A and B (ranked by account id).
    { subscription_id: 'e1', account_id: 'E', amount: 100, start_date: '2024-01-01' },
    { subscription_id: 'f1', account_id: 'F', amount: 10, is_trial: true, start_date: '2024-01-01' },
  ],
};

type Mover = [
  month: string,
  segment: string,
  movement: string,
  account: string,
  change: number,
  rank: number,
];

describe('mrr_movers', () => {
  let warehouse: Warehouse;
  beforeAll(async () => {
    warehouse = await Warehouse.open(':memory:');
    await buildRevenue(warehouse, fixture, { asOf: AS_OF });
  });
  afterAll(() => warehouse.close());

  it('lists every account that moved, in its segment and in all, ranked largest first', async () => {
    const rows = await warehouse.query<Record<string, unknown>>(
      `select strftime(month, '%m') as m, segment, movement, account_id, mrr_change, rank
       from marts.mrr_movers order by month, segment, movement, rank`,
    );
    const expected: Mover[] = [
      // January: four new accounts; A, B and E tie at 100 and are ranked by id, D (50) last.
      ['01', 'all', 'new', 'A', 100, 1],
      ['01', 'all', 'new', 'B', 100, 2],
      ['01', 'all', 'new', 'E', 100, 3],
      ['01', 'all', 'new', 'D', 50, 4],
      ['01', 'enterprise', 'new', 'D', 50, 1],
      ['01', 'smb', 'new', 'A', 100, 1],
      ['01', 'smb', 'new', 'B', 100, 2],
      ['01', 'smb', 'new', 'E', 100, 3],
      // February: B (−100) and D (−50) churn, ranked by size of the loss; C is new.
      ['02', 'all', 'churn', 'B', -100, 1],
      ['02', 'all', 'churn', 'D', -50, 2],
      ['02', 'all', 'new', 'C', 300, 1],
      ['02', 'enterprise', 'churn', 'D', -50, 1],
      ['02', 'enterprise', 'new', 'C', 300, 1],
      ['02', 'smb', 'churn', 'B', -100, 1],
      // March: C contracts 300 → 200, A expands 100 → 150, D comes back with 80.
      ['03', 'all', 'contraction', 'C', -100, 1],
      ['03', 'all', 'expansion', 'A', 50, 1],
      ['03', 'all', 'reactivation', 'D', 80, 1],
      ['03', 'enterprise', 'contraction', 'C', -100, 1],
      ['03', 'enterprise', 'reactivation', 'D', 80, 1],
      ['03', 'smb', 'expansion', 'A', 50, 1],
    ];
    expect(rows).toEqual(
      expected.map(([m, segment, movement, account_id, mrr_change, rank]) => ({
        m,
        segment,
        movement,
        account_id,
        mrr_change,
        rank,
      })),
    );
  });

  it('keeps the account name and its MRR before and after the move', async () => {
    const rows = await warehouse.query(
      `select account_id, account_name, prev_mrr, mrr from marts.mrr_movers
       where segment = 'all' and month = '2024-03-01' order by account_id`,
    );
    expect(rows).toEqual([
      { account_id: 'A', account_name: 'Acme', prev_mrr: 100, mrr: 150 },
      { account_id: 'C', account_name: 'Crux', prev_mrr: 300, mrr: 200 },
      { account_id: 'D', account_name: 'Dyne', prev_mrr: 0, mrr: 80 },
    ]);
  });

  it('sums per month, segment and movement to the waterfall bars of mrr_monthly', async () => {
    const rows = await warehouse.query(
      `select strftime(month, '%m') as m, segment, new_mrr, reactivation_mrr, expansion_mrr, contraction_mrr,
              churned_mrr
       from marts.mrr_monthly where segment in ('all', 'smb') order by month, segment`,
    );
    // The same numbers as the movers above, summed by hand.
    expect(rows).toEqual([
      {
        m: '01',
        segment: 'all',
        new_mrr: 350,
        reactivation_mrr: 0,
        expansion_mrr: 0,
        contraction_mrr: 0,
        churned_mrr: 0,
      },
      {
        m: '01',
        segment: 'smb',
        new_mrr: 300,
        reactivation_mrr: 0,
        expansion_mrr: 0,
        contraction_mrr: 0,
        churned_mrr: 0,
      },
      {
        m: '02',
        segment: 'all',
        new_mrr: 300,
        reactivation_mrr: 0,
        expansion_mrr: 0,
        contraction_mrr: 0,
        churned_mrr: -150,
      },
      {
        m: '02',
        segment: 'smb',
        new_mrr: 0,
        reactivation_mrr: 0,
        expansion_mrr: 0,
        contraction_mrr: 0,
        churned_mrr: -100,
      },
      {
        m: '03',
        segment: 'all',
        new_mrr: 0,
        reactivation_mrr: 80,
        expansion_mrr: 50,
        contraction_mrr: -100,
        churned_mrr: 0,
      },
      {
        m: '03',
        segment: 'smb',
        new_mrr: 0,
        reactivation_mrr: 0,
        expansion_mrr: 50,
        contraction_mrr: 0,
        churned_mrr: 0,
      },
    ]);
    // buildRevenue ran every data test, the movers' sum among them; none failed.
    expect(await failingDataTests(warehouse, revenueModels, { ...baseVars, asOf: AS_OF })).toEqual([]);
  });
});

describe('mrr_movers_add_up_to_mrr_monthly', () => {
  const failuresAfter = async (breakRows: string): Promise<string[]> => {
    const warehouse = await Warehouse.open(':memory:');
    try {
      await buildRevenue(warehouse, fixture, { asOf: AS_OF });
      await warehouse.exec(breakRows);
      const failures = await failingDataTests(warehouse, revenueModels, { ...baseVars, asOf: AS_OF });
      return failures.filter((f) => f.startsWith('mrr_movers_add_up_to_mrr_monthly'));
    } finally {
      await warehouse.close();
    }
  };

  it('fails when one mover is a cent off its bar', async () => {
    const failures = await failuresAfter(
      `update marts.mrr_movers set mrr_change = mrr_change + 0.01
       where month = '2024-03-01' and segment = 'smb' and account_id = 'A'`,
    );
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatch(/1 failing rows.*"segment":"smb","movement":"expansion"/);
  });

  it('fails when a mover is missing from a bar', async () => {
    const failures = await failuresAfter(
      `delete from marts.mrr_movers where month = '2024-02-01' and segment = 'all' and account_id = 'D'`,
    );
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatch(/"segment":"all","movement":"churn"/);
  });

  it('fails when a mover has no bar to add up to', async () => {
    const failures = await failuresAfter(
      `insert into marts.mrr_movers values ('2024-03-01', 'nowhere', 'expansion', 'Z', null, 5, 0, 5, 1)`,
    );
    expect(failures).toHaveLength(1);
  });
});
