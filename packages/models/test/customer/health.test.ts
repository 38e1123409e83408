import { Warehouse } from '@pulse/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customerModels } from '../../src/customer-models.js';
import { revenueModels } from '../../src/revenue-models.js';
import { buildAndCheck, customerVars } from '../support/customer-build.js';
import { loadRawFixture, type RawFixture } from '../support/raw-fixture.js';

const models = [...revenueModels, ...customerModels];
// Mid-month as_of: April is scored on the 15th (15 days elapsed).
const vars = customerVars({ asOf: '2024-04-15' });

const event = (account_id: string, user_id: string, occurred_at: string) => ({
  account_id,
  user_id,
  event_name: 'login',
  occurred_at,
});
const nps = (response_id: string, account_id: string, score: number, responded_at: string) => ({
  response_id,
  account_id,
  survey: 'nps' as const,
  score,
  responded_at: new Date(responded_at),
});
const ticket = (ticket_id: string, account_id: string, created_at: string, resolved_at: string | null) => ({
  ticket_id,
  account_id,
  created_at,
  resolved_at: resolved_at === null ? null : new Date(resolved_at),
});

const fixture: RawFixture = {
  accounts: [
    { account_id: 'H1', created_at: '2023-12-01T00:00:00Z', segment: 'smb' },
    { account_id: 'H2', created_at: '2023-12-01T00:00:00Z', segment: 'enterprise' },
    // Never pays: no health rows.
    { account_id: 'H3', created_at: '2023-12-01T00:00:00Z', segment: 'smb' },
  ],
  subscriptions: [
    // H1 pays 100 from January, 80 from April.
    {
      subscription_id: 's1',
      account_id: 'H1',
      amount: 100,
      start_date: '2024-01-01',
      end_date: '2024-04-01',
    },
    { subscription_id: 's1', account_id: 'H1', amount: 80, start_date: '2024-04-01' },
    // H2 pays 200 in January and February, churns in March, comes back at 50 on April 10th.
    {
      subscription_id: 's2',
      account_id: 'H2',
      amount: 200,
      start_date: '2024-01-01',
      end_date: '2024-03-01',
    },
    { subscription_id: 's3', account_id: 'H2', amount: 50, start_date: '2024-04-10' },
  ],
  events: [
    // H1 — January: 1 user on 2 days; February: none; March: 3 users on 3 days; April: 2 users on 2 days.
    event('H1', 'u1', '2024-01-10T09:00:00Z'),
    event('H1', 'u1', '2024-01-11T09:00:00Z'),
    event('H1', 'u1', '2024-03-01T09:00:00Z'),
    event('H1', 'u2', '2024-03-02T09:00:00Z'),
    event('H1', 'u3', '2024-03-03T09:00:00Z'),
    event('H1', 'u1', '2024-04-01T09:00:00Z'),
    event('H1', 'u2', '2024-04-01T10:00:00Z'),
    event('H1', 'u1', '2024-04-05T09:00:00Z'),
  ],
  survey_responses: [
    nps('r-a', 'H1', 6, '2024-02-15T00:00:00Z'),
    // Same instant: the greater response_id (r-c, score 3) is the latest.
    nps('r-b', 'H1', 9, '2024-03-10T00:00:00Z'),
    nps('r-c', 'H1', 3, '2024-03-10T00:00:00Z'),
    nps('r-e', 'H1', 8, '2024-04-15T12:00:00Z'),
  ],
  tickets: [
    ticket('t1', 'H1', '2024-01-20T00:00:00Z', '2024-02-05T00:00:00Z'),
    ticket('t4', 'H1', '2024-02-01T00:00:00Z', '2024-02-02T00:00:00Z'),
    ticket('t2', 'H1', '2024-03-05T00:00:00Z', null),
    // Resolved only after as_of: still open on April 15th.
    ticket('t3', 'H1', '2024-04-02T00:00:00Z', '2024-04-20T00:00:00Z'),
  ],
};

const columns = `account_id, month, segment, score, band, engagement_score as engagement, usage_trend_score as usage,
  sentiment_score as sentiment, support_score as support, financial_score as financial, mrr`;

describe('health_scores', () => {
  let warehouse: Warehouse;
  beforeEach(async () => {
    warehouse = await Warehouse.open(':memory:');
  });
  afterEach(() => warehouse.close());

  it('scores every paying account-month from its components with the default weights', async () => {
    await loadRawFixture(warehouse, fixture);
    await buildAndCheck(warehouse, models, vars);
    const rows = await warehouse.query(`select ${columns} from marts.health_scores`);
    expect(rows).toEqual([
      // Jan: engagement 100·2/31; usage NULL (Oct–Dec mean 0); sentiment NULL (first NPS in Feb); support 100 − 25
      // (t1 open); financial 100 (not paying in Oct). (0.3·6.4516 + 0.15·75 + 0.15·100) / 0.6 = 46.976 → 47.0.
      {
        account_id: 'H1',
        month: '2024-01-01',
        segment: 'smb',
        score: 47,
        band: 'critical',
        engagement: (100 * 2) / 31,
        usage: null,
        sentiment: null,
        support: 75,
        financial: 100,
        mrr: 100,
      },
      // Feb: no events → engagement 0, usage 100·min(1, 0 / ((0 + 0 + 1) / 3)) = 0; sentiment 10·6; nothing open.
      // (0 + 0 + 0.2·60 + 0.15·100 + 0.15·100) / 1 = 42.
      {
        account_id: 'H1',
        month: '2024-02-01',
        segment: 'smb',
        score: 42,
        band: 'critical',
        engagement: 0,
        usage: 0,
        sentiment: 60,
        support: 100,
        financial: 100,
        mrr: 100,
      },
      // Mar: engagement 100·3/31; usage min(1, 3 / (1/3)) → 100; sentiment r-c → 30; t2 open → 75; Dec unpaid → 100.
      // 0.3·9.6774 + 20 + 6 + 11.25 + 15 = 55.153 → 55.2.
      {
        account_id: 'H1',
        month: '2024-03-01',
        segment: 'smb',
        score: 55.2,
        band: 'at_risk',
        engagement: (100 * 3) / 31,
        usage: 100,
        sentiment: 30,
        support: 75,
        financial: 100,
        mrr: 100,
      },
      // Apr to the 15th: engagement 100·2/15; usage min(1, 2 / (4/3)) → 100; sentiment r-e (12:00 on as_of) → 80;
      // t2, t3 open → 50; financial 100·80/100 (January) = 80. 4 + 20 + 16 + 7.5 + 12 = 59.5.
      {
        account_id: 'H1',
        month: '2024-04-01',
        segment: 'smb',
        score: 59.5,
        band: 'at_risk',
        engagement: expect.closeTo((100 * 2) / 15, 12),
        usage: 100,
        sentiment: 80,
        support: 50,
        financial: 80,
        mrr: 80,
      },
      // H2 has no events, NPS or tickets: engagement 0, support 100, financial 100 → (0 + 15 + 15) / 0.6 = 50.0,
      // exactly on the boundary: at_risk.
      {
        account_id: 'H2',
        month: '2024-01-01',
        segment: 'enterprise',
        score: 50,
        band: 'at_risk',
        engagement: 0,
        usage: null,
        sentiment: null,
        support: 100,
        financial: 100,
        mrr: 200,
      },
      {
        account_id: 'H2',
        month: '2024-02-01',
        segment: 'enterprise',
        score: 50,
        band: 'at_risk',
        engagement: 0,
        usage: null,
        sentiment: null,
        support: 100,
        financial: 100,
        mrr: 200,
      },
      // March: churned, no row. April: back at 50 vs 200 in January → financial 25; (0 + 15 + 3.75) / 0.6 = 31.25 → 31.3.
      {
        account_id: 'H2',
        month: '2024-04-01',
        segment: 'enterprise',
        score: 31.3,
        band: 'critical',
        engagement: 0,
        usage: null,
        sentiment: null,
        support: 100,
        financial: 25,
        mrr: 50,
      },
    ]);
  });

  it('leaves components NULL, and out of the mean, when their source is missing', async () => {
    const { events: _, tickets: __, ...withoutUsageOrTickets } = fixture;
    await loadRawFixture(warehouse, withoutUsageOrTickets);
    await buildAndCheck(warehouse, models, { ...vars, presentSources: ['survey_responses'] });
    const rows = await warehouse.query(
      `select account_id, month, score, band, engagement_score, usage_trend_score, support_score
       from marts.health_scores where month = '2024-02-01'`,
    );
    expect(rows).toEqual([
      // Sentiment 60 and financial 100 only: (0.2·60 + 0.15·100) / 0.35 = 77.14 → 77.1.
      {
        account_id: 'H1',
        month: '2024-02-01',
        score: 77.1,
        band: 'healthy',
        engagement_score: null,
        usage_trend_score: null,
        support_score: null,
      },
      // Financial alone.
      {
        account_id: 'H2',
        month: '2024-02-01',
        score: 100,
        band: 'healthy',
        engagement_score: null,
        usage_trend_score: null,
        support_score: null,
      },
    ]);
  });

  it('bands the rounded score and takes the weights from config', async () => {
    // Only the financial component weighs, so score = 100 × mrr(April) / mrr(January).
    const weights = { engagement: 0, usage_trend: 0, sentiment: 0, support: 0, financial: 1 };
    const paying = (account_id: string, april: number) => [
      {
        subscription_id: `${account_id}-1`,
        account_id,
        amount: 200,
        start_date: '2024-01-01',
        end_date: '2024-04-01',
      },
      { subscription_id: `${account_id}-2`, account_id, amount: april, start_date: '2024-04-01' },
    ];
    await loadRawFixture(warehouse, {
      accounts: ['B1', 'B2', 'B3', 'B4', 'B5', 'B6'].map((account_id) => ({
        account_id,
        created_at: '2023-12-01T00:00:00Z',
      })),
      subscriptions: [
        ...paying('B1', 99.9),
        ...paying('B2', 99.88),
        ...paying('B3', 149.9),
        ...paying('B4', 149.8),
        ...paying('B5', 102.5),
        ...paying('B6', 149.89999999999),
      ],
    });
    await buildAndCheck(warehouse, models, { ...vars, healthWeights: weights });
    const rows = await warehouse.query(
      `select account_id, financial_score, score, band from marts.health_scores where month = '2024-04-01'`,
    );
    expect(rows).toEqual([
      // 49.95 rounds to 50.0: at_risk, although the unrounded score is below 50.
      { account_id: 'B1', financial_score: expect.closeTo(49.95, 12), score: 50, band: 'at_risk' },
      { account_id: 'B2', financial_score: expect.closeTo(49.94, 12), score: 49.9, band: 'critical' },
      // 74.95 rounds to 75.0: healthy.
      { account_id: 'B3', financial_score: expect.closeTo(74.95, 12), score: 75, band: 'healthy' },
      { account_id: 'B4', financial_score: expect.closeTo(74.9, 12), score: 74.9, band: 'at_risk' },
      // 51.25 exactly in decimals, half away from zero: 51.3. In binary floating point 100 × 102.5 / 200
      // is 51.24999999999999, which round() alone took to 51.2.
      { account_id: 'B5', financial_score: expect.closeTo(51.25, 12), score: 51.3, band: 'at_risk' },
      // 74.949999999995 is not 74.95 (it is 5e-12 below): 74.9. Held to 12 significant digits first, it
      // was taken for 74.95 and rounded to 75.0, healthy.
      {
        account_id: 'B6',
        financial_score: expect.closeTo(74.949999999995, 13),
        score: 74.9,
        band: 'at_risk',
      },
    ]);
  });
});
