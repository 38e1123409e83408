import { runTests, Warehouse } from '@pulse/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerModels } from '../../src/customer-models.js';
import { revenueModels } from '../../src/revenue-models.js';
import { buildAndCheck, customerVars } from '../support/customer-build.js';
import { loadRawFixture, type RawFixture } from '../support/raw-fixture.js';

const models = [...revenueModels, ...customerModels];

// as_of April 30th 2024: the as-of month is April; "the last three months" are February to April.
// No events, tickets or surveys: the health score is its financial component alone,
// 100 × least(1, MRR of April / MRR of January).
const pagesFixture: RawFixture = {
  accounts: ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'].map((account_id) => ({
    account_id,
    name: `Account ${account_id}`,
    created_at: '2023-12-01T00:00:00Z',
    segment: account_id < 'E' ? 'smb' : 'enterprise',
  })),
  subscriptions: [
    // April MRR: A 500, B 300, C 120, E 50, D 40.
    { subscription_id: 'a', account_id: 'A', amount: 500, start_date: '2024-01-01' },
    { subscription_id: 'b', account_id: 'B', amount: 300, start_date: '2024-01-01' },
    // C: 200 → 120 in April: financial 60, at risk (rank 3, outside the top 2).
    { subscription_id: 'c', account_id: 'C', amount: 200, start_date: '2024-01-01', end_date: '2024-04-01' },
    { subscription_id: 'c', account_id: 'C', amount: 120, start_date: '2024-04-01' },
    // D: 100 → 40: financial 40, critical.
    { subscription_id: 'd', account_id: 'D', amount: 100, start_date: '2024-01-01', end_date: '2024-04-01' },
    { subscription_id: 'd', account_id: 'D', amount: 40, start_date: '2024-04-01' },
    // E: healthy, outside the top 2, never churned: no page.
    { subscription_id: 'e', account_id: 'E', amount: 50, start_date: '2024-01-01' },
    // F churns in March and G in February (both in the window); H in January (outside it).
    { subscription_id: 'f', account_id: 'F', amount: 100, start_date: '2024-01-01', end_date: '2024-03-01' },
    { subscription_id: 'g', account_id: 'G', amount: 100, start_date: '2024-01-01', end_date: '2024-02-01' },
    { subscription_id: 'h', account_id: 'H', amount: 100, start_date: '2023-12-01', end_date: '2024-01-01' },
  ],
};

describe('account_pages', () => {
  const build = async (topN: number) => {
    const warehouse = await Warehouse.open(':memory:');
    await loadRawFixture(warehouse, pagesFixture);
    await buildAndCheck(
      warehouse,
      models,
      customerVars({ asOf: '2024-04-30', accountPagesTopN: topN, presentSources: [] }),
    );
    return warehouse;
  };

  it('selects the top accounts by MRR, the at-risk and critical ones and the recent churns', async () => {
    const warehouse = await build(2);
    try {
      const rows = await warehouse.query(
        `select account_id, account_name, segment, mrr, mrr_rank, score, band, churned_month,
                is_top_mrr, is_at_risk, is_recent_churn
         from marts.account_pages order by account_id`,
      );
      const page = (
        account_id: string,
        mrr: number,
        mrr_rank: number | null,
        score: number | null,
        band: string | null,
        churned_month: string | null,
        flags: [boolean, boolean, boolean],
      ) => ({
        account_id,
        account_name: `Account ${account_id}`,
        segment: account_id < 'E' ? 'smb' : 'enterprise',
        mrr,
        mrr_rank,
        score,
        band,
        churned_month,
        is_top_mrr: flags[0],
        is_at_risk: flags[1],
        is_recent_churn: flags[2],
      });
      expect(rows).toEqual([
        page('A', 500, 1, 100, 'healthy', null, [true, false, false]),
        page('B', 300, 2, 100, 'healthy', null, [true, false, false]),
        page('C', 120, 3, 60, 'at_risk', null, [false, true, false]),
        page('D', 40, 5, 40, 'critical', null, [false, true, false]),
        page('F', 0, null, null, null, '2024-03-01', [false, false, true]),
        page('G', 0, null, null, null, '2024-02-01', [false, false, true]),
      ]);
    } finally {
      await warehouse.close();
    }
  });

  it('takes N from config: with 4, E (rank 4) gets a page and C is both top and at risk', async () => {
    const warehouse = await build(4);
    try {
      const rows = await warehouse.query(
        `select account_id, is_top_mrr, is_at_risk from marts.account_pages where mrr > 0 order by account_id`,
      );
      expect(rows).toEqual([
        { account_id: 'A', is_top_mrr: true, is_at_risk: false },
        { account_id: 'B', is_top_mrr: true, is_at_risk: false },
        { account_id: 'C', is_top_mrr: true, is_at_risk: true },
        { account_id: 'D', is_top_mrr: false, is_at_risk: true },
        { account_id: 'E', is_top_mrr: true, is_at_risk: false },
      ]);
    } finally {
      await warehouse.close();
    }
  });
});

// Cap and priority. as_of April 30th 2024; no events, tickets or surveys, so the score is
// 100 × least(1, MRR of April / MRR of January). Top N = 3: X 2000, Y 1500, P 300 (W 280, V 60, Q 40,
// R 40, U 20 follow). Expected priority, by reason then money at stake, then lowest score:
//   critical      1 P (MRR 300, score 30)  2 Q (MRR 40, score 20)  3 R (MRR 40, score 40)
//                 4 U (MRR 20, score 20; also churned in March, but critical comes first)
//   recent_churn  5 T (lost 600 in February)  6 S (lost 250 in April)
//   at_risk       7 W (MRR 280, score 70)  8 V (MRR 60, score 60)
//   top_mrr       9 X (rank 1)  10 Y (rank 2)
// P is among the top 3 too, but its first reason is `critical`.
const priorityFixture: RawFixture = {
  accounts: ['P', 'Q', 'R', 'S', 'T', 'U', 'V', 'W', 'X', 'Y'].map((account_id) => ({
    account_id,
    name: `Account ${account_id}`,
    created_at: '2023-12-01T00:00:00Z',
  })),
  subscriptions: [
    ...(
      [
        ['P', 1000, 300],
        ['Q', 200, 40],
        ['R', 100, 40],
        ['V', 100, 60],
        ['W', 400, 280],
      ] as const
    ).flatMap(([account_id, before, april]) => [
      {
        subscription_id: `${account_id}1`,
        account_id,
        amount: before,
        start_date: '2024-01-01',
        end_date: '2024-04-01',
      },
      { subscription_id: `${account_id}2`, account_id, amount: april, start_date: '2024-04-01' },
    ]),
    { subscription_id: 'S1', account_id: 'S', amount: 250, start_date: '2024-01-01', end_date: '2024-04-01' },
    { subscription_id: 'T1', account_id: 'T', amount: 600, start_date: '2024-01-01', end_date: '2024-02-01' },
    // U: 100 until March (churn in March, 100 lost), back at 20 in April (reactivation; score 20).
    { subscription_id: 'U1', account_id: 'U', amount: 100, start_date: '2024-01-01', end_date: '2024-03-01' },
    { subscription_id: 'U2', account_id: 'U', amount: 20, start_date: '2024-04-01' },
    { subscription_id: 'X1', account_id: 'X', amount: 2000, start_date: '2024-01-01' },
    { subscription_id: 'Y1', account_id: 'Y', amount: 1500, start_date: '2024-01-01' },
  ],
};

describe('account_pages: priority and the account_pages_max cap', () => {
  const build = async (max: number) => {
    const warehouse = await Warehouse.open(':memory:');
    await loadRawFixture(warehouse, priorityFixture);
    await buildAndCheck(
      warehouse,
      models,
      customerVars({ asOf: '2024-04-30', accountPagesTopN: 3, accountPagesMax: max, presentSources: [] }),
    );
    return warehouse;
  };
  const ranked = (warehouse: Warehouse) =>
    warehouse.query(
      `select page_priority, account_id, page_reason, mrr, score, churned_month, churned_mrr, has_page
       from marts.account_pages order by page_priority`,
    );
  const expected = (withPage: number) =>
    (
      [
        ['P', 'critical', 300, 30, null, null],
        ['Q', 'critical', 40, 20, null, null],
        ['R', 'critical', 40, 40, null, null],
        ['U', 'critical', 20, 20, '2024-03-01', 100],
        ['T', 'recent_churn', 0, null, '2024-02-01', 600],
        ['S', 'recent_churn', 0, null, '2024-04-01', 250],
        ['W', 'at_risk', 280, 70, null, null],
        ['V', 'at_risk', 60, 60, null, null],
        ['X', 'top_mrr', 2000, 100, null, null],
        ['Y', 'top_mrr', 1500, 100, null, null],
      ] as const
    ).map(([account_id, page_reason, mrr, score, churned_month, churned_mrr], i) => ({
      page_priority: i + 1,
      account_id,
      page_reason,
      mrr,
      score,
      churned_month,
      churned_mrr,
      has_page: i < withPage,
    }));

  it('orders every qualifying account by reason, then money at stake, and gives the first 6 a page', async () => {
    const warehouse = await build(6);
    try {
      expect(await ranked(warehouse)).toEqual(expected(6));
    } finally {
      await warehouse.close();
    }
  });

  it('keeps every qualifying account in the mart whatever the cap: all with a page under 500, none at 0', async () => {
    for (const max of [500, 0]) {
      const warehouse = await build(max);
      try {
        expect(await ranked(warehouse)).toEqual(expected(Math.min(max, 10)));
      } finally {
        await warehouse.close();
      }
    }
  });

  it('data tests catch a page beyond the cap, a priority out of reason order and a wrong reason', async () => {
    const vars = customerVars({
      asOf: '2024-04-30',
      accountPagesTopN: 3,
      accountPagesMax: 6,
      presentSources: [],
    });
    const warehouse = await build(6);
    const failingAfter = async (breakRows: string, restore: string) => {
      await warehouse.exec(breakRows);
      const run = await runTests({ warehouse, models, vars, select: 'account_pages' });
      await warehouse.exec(restore);
      return run.nodes.flatMap((n) => n.tests.filter((t) => t.status !== 'pass').map((t) => t.name));
    };
    try {
      // W (priority 7) gets a page although the cap is 6.
      expect(
        await failingAfter(
          `update marts.account_pages set has_page = true where account_id = 'W'`,
          `update marts.account_pages set has_page = false where account_id = 'W'`,
        ),
      ).toEqual(['account_pages_priority_follows_reasons_and_cap']);
      // W (at risk) swapped with T (recent churn): an at-risk account before a churn.
      const swap = `update marts.account_pages set page_priority = 12 - page_priority where account_id in ('T', 'W')`;
      expect(await failingAfter(swap, swap)).toEqual(['account_pages_priority_follows_reasons_and_cap']);
      // U is critical: `recent_churn` is not its first reason.
      expect(
        await failingAfter(
          `update marts.account_pages set page_reason = 'recent_churn' where account_id = 'U'`,
          `update marts.account_pages set page_reason = 'critical' where account_id = 'U'`,
        ),
      ).toEqual(['account_pages_reason_is_the_first_that_holds']);
      expect(await failingAfter('select 1', 'select 1')).toEqual([]);
    } finally {
      await warehouse.close();
    }
  });
});

// as_of April 30th 2024, renewal grace 30 days.
const detailFixture: RawFixture = {
  accounts: [
    { account_id: 'X', created_at: '2022-12-01T00:00:00Z' },
    { account_id: 'Y', created_at: '2022-12-01T00:00:00Z' },
  ],
  subscriptions: [
    // X, annual from 2022-12-20 to 2023-12-20: the renewal of 2023-12-20 is lost (X pays nothing
    // again until January 25th, after the grace period ending 2024-01-19).
    {
      subscription_id: 'x1',
      account_id: 'X',
      amount: 1200,
      billing_interval: 'year',
      start_date: '2022-12-20',
      end_date: '2023-12-20',
    },
    // Y, quarterly from 2024-01-10, running: its renewal of 2024-04-10 is renewed.
    {
      subscription_id: 'y1',
      account_id: 'Y',
      amount: 300,
      billing_interval: 'quarter',
      start_date: '2024-01-10',
    },
    {
      subscription_id: 'x2',
      // X again, quarterly from 2024-01-25 to 2024-04-25: the renewal of 2024-04-25 is pending (X pays
      // nothing after it, and the grace period runs to 2024-05-25, past as_of).
      account_id: 'X',
      amount: 300,
      billing_interval: 'quarter',
      start_date: '2024-01-25',
      end_date: '2024-04-25',
    },
  ],
  tickets: [
    // Answered after 2 hours, resolved after 30 hours.
    {
      ticket_id: 't1',
      account_id: 'Y',
      created_at: '2024-03-01T10:00:00Z',
      first_response_at: '2024-03-01T12:00:00Z',
      resolved_at: '2024-03-02T16:00:00Z',
      priority: 'high',
    },
    // Resolved after as_of: still open on the as-of day, and so is its reply.
    {
      ticket_id: 't2',
      account_id: 'Y',
      created_at: '2024-04-29T00:00:00Z',
      first_response_at: '2024-05-01T00:00:00Z',
      resolved_at: '2024-05-02T00:00:00Z',
    },
  ],
  survey_responses: [
    {
      response_id: 'r1',
      account_id: 'Y',
      survey: 'nps',
      score: 9,
      responded_at: '2024-02-01T00:00:00Z',
      comment: 'Great',
    },
    { response_id: 'r2', account_id: 'Y', survey: 'nps', score: 8, responded_at: '2024-03-01T00:00:00Z' },
    {
      response_id: 'r3',
      account_id: 'Y',
      survey: 'nps',
      score: 6,
      responded_at: '2024-04-01T00:00:00Z',
      comment: 'Slow',
    },
    { response_id: 'r4', account_id: 'X', survey: 'csat', score: 4, responded_at: '2024-02-01T00:00:00Z' },
    { response_id: 'r5', account_id: 'X', survey: 'csat', score: 3, responded_at: '2024-02-02T00:00:00Z' },
  ],
};

describe('renewals, account_tickets and account_survey_responses', () => {
  let warehouse: Warehouse;
  beforeAll(async () => {
    warehouse = await Warehouse.open(':memory:');
    await loadRawFixture(warehouse, detailFixture);
    await buildAndCheck(warehouse, models, customerVars({ asOf: '2024-04-30' }));
  });
  afterAll(() => warehouse.close());

  it('lists each renewal date with its outcome, and renewals_monthly counts them', async () => {
    expect(
      await warehouse.query(
        `select subscription_id, account_id, renewal_date, month, status from marts.renewals
         order by subscription_id, renewal_date`,
      ),
    ).toEqual([
      {
        subscription_id: 'x1',
        account_id: 'X',
        renewal_date: '2023-12-20',
        month: '2023-12-01',
        status: 'lost',
      },
      {
        subscription_id: 'x2',
        account_id: 'X',
        renewal_date: '2024-04-25',
        month: '2024-04-01',
        status: 'pending',
      },
      {
        subscription_id: 'y1',
        account_id: 'Y',
        renewal_date: '2024-04-10',
        month: '2024-04-01',
        status: 'renewed',
      },
    ]);
    expect(
      await warehouse.query(
        `select month, renewals_due, renewed, lost, pending from marts.renewals_monthly
         where segment = 'all' and renewals_due > 0 order by month`,
      ),
    ).toEqual([
      { month: '2023-12-01', renewals_due: 1, renewed: 0, lost: 1, pending: 0 },
      { month: '2024-04-01', renewals_due: 2, renewed: 1, lost: 0, pending: 1 },
    ]);
  });

  it('gives every ticket its reply and resolution times, open when resolved after as_of', async () => {
    expect(
      await warehouse.query(
        `select ticket_id, account_id, priority, first_response_hours, resolution_hours, is_open
         from marts.account_tickets order by ticket_id`,
      ),
    ).toEqual([
      {
        ticket_id: 't1',
        account_id: 'Y',
        priority: 'high',
        first_response_hours: 2,
        resolution_hours: 30,
        is_open: false,
      },
      {
        ticket_id: 't2',
        account_id: 'Y',
        priority: 'normal',
        first_response_hours: null,
        resolution_hours: null,
        is_open: true,
      },
    ]);
  });

  it('categorises every survey response and keeps its comment', async () => {
    expect(
      await warehouse.query(
        `select response_id, account_id, survey, score, category, comment
         from marts.account_survey_responses order by response_id`,
      ),
    ).toEqual([
      { response_id: 'r1', account_id: 'Y', survey: 'nps', score: 9, category: 'promoter', comment: 'Great' },
      { response_id: 'r2', account_id: 'Y', survey: 'nps', score: 8, category: 'passive', comment: null },
      { response_id: 'r3', account_id: 'Y', survey: 'nps', score: 6, category: 'detractor', comment: 'Slow' },
      { response_id: 'r4', account_id: 'X', survey: 'csat', score: 4, category: 'satisfied', comment: null },
      {
        response_id: 'r5',
        account_id: 'X',
        survey: 'csat',
        score: 3,
        category: 'unsatisfied',
        comment: null,
      },
    ]);
  });
});
