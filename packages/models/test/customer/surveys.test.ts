import { runTests, Warehouse } from '@pulse/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { intAccountSegments } from '../../src/intermediate/int_account_segments.js';
import { csatMonthly } from '../../src/marts/csat_monthly.js';
import { npsMonthly } from '../../src/marts/nps_monthly.js';
import { stgAccounts } from '../../src/staging/stg_accounts.js';
import { stgSurveyResponses } from '../../src/staging/stg_survey_responses.js';
import { buildAndCheck, customerVars } from '../support/customer-build.js';
import { loadRawFixture, type RawFixture } from '../support/raw-fixture.js';

const models = [stgAccounts, intAccountSegments, stgSurveyResponses, npsMonthly, csatMonthly];
const vars = customerVars({ asOf: '2024-03-31' });

const nps = (response_id: string, account_id: string, score: number, responded_at: string) => ({
  response_id,
  account_id,
  survey: 'nps' as 'nps' | 'csat',
  score,
  responded_at: new Date(responded_at),
});
const csat = (response_id: string, account_id: string, score: number, responded_at: string) => ({
  ...nps(response_id, account_id, score, responded_at),
  survey: 'csat' as const,
});

const fixture: RawFixture = {
  accounts: [
    { account_id: 'N1', created_at: '2023-06-01T00:00:00Z', segment: 'smb' },
    { account_id: 'N2', created_at: '2023-06-01T00:00:00Z', segment: 'enterprise' },
    // Created after as_of: its answers do not exist yet, nor does its segment.
    { account_id: 'N3', created_at: '2024-04-02T00:00:00Z', segment: 'mid_market' },
  ],
  survey_responses: [
    // CSAT starts in December, NPS in January: each mart has its own range.
    csat('c0', 'N1', 2, '2023-12-20T00:00:00Z'),
    nps('r1', 'N1', 10, '2024-01-05T00:00:00Z'),
    nps('r2', 'N1', 9, '2024-01-06T00:00:00Z'),
    nps('r3', 'N2', 6, '2024-01-07T00:00:00Z'),
    nps('r4', 'N2', 7, '2024-01-08T00:00:00Z'),
    csat('c1', 'N1', 5, '2024-01-09T00:00:00Z'),
    csat('c2', 'N2', 3, '2024-02-01T00:00:00Z'),
    csat('c3', 'N2', 4, '2024-02-29T23:59:59Z'),
    nps('r5', 'N1', 0, '2024-03-01T00:00:00Z'),
    // A second copy of r5: counted once (the first in file order).
    nps('r5', 'N1', 10, '2024-03-02T00:00:00Z'),
    nps('r6', 'N2', 8, '2024-03-31T23:59:59Z'),
    nps('r7', 'N1', 10, '2024-04-01T00:00:00Z'),
    nps('r8', 'N3', 10, '2024-03-15T00:00:00Z'),
  ],
};

describe('survey marts', () => {
  let warehouse: Warehouse;
  beforeEach(async () => {
    warehouse = await Warehouse.open(':memory:');
  });
  afterEach(() => warehouse.close());

  it('computes NPS per month and segment from the first NPS month', async () => {
    await loadRawFixture(warehouse, fixture);
    await buildAndCheck(warehouse, models, vars);
    const rows = await warehouse.query('select * from marts.nps_monthly');
    const none = { responses: 0, promoters: 0, passives: 0, detractors: 0, nps: null };
    expect(rows).toEqual([
      // January: 10, 9 promote; 7 passive; 6 detracts → 100 × (2 − 1) / 4 = 25.
      {
        month: '2024-01-01',
        segment: 'all',
        responses: 4,
        promoters: 2,
        passives: 1,
        detractors: 1,
        nps: 25,
      },
      // 100 × (0 − 1) / 2 = −50.
      {
        month: '2024-01-01',
        segment: 'enterprise',
        responses: 2,
        promoters: 0,
        passives: 1,
        detractors: 1,
        nps: -50,
      },
      {
        month: '2024-01-01',
        segment: 'smb',
        responses: 2,
        promoters: 2,
        passives: 0,
        detractors: 0,
        nps: 100,
      },
      { month: '2024-02-01', segment: 'all', ...none },
      { month: '2024-02-01', segment: 'enterprise', ...none },
      { month: '2024-02-01', segment: 'smb', ...none },
      // March: r5 = 0 (first copy), r6 = 8; r7 is after as_of, r8's account does not exist yet.
      {
        month: '2024-03-01',
        segment: 'all',
        responses: 2,
        promoters: 0,
        passives: 1,
        detractors: 1,
        nps: -50,
      },
      {
        month: '2024-03-01',
        segment: 'enterprise',
        responses: 1,
        promoters: 0,
        passives: 1,
        detractors: 0,
        nps: 0,
      },
      {
        month: '2024-03-01',
        segment: 'smb',
        responses: 1,
        promoters: 0,
        passives: 0,
        detractors: 1,
        nps: -100,
      },
    ]);
  });

  it('computes CSAT per month and segment from the first CSAT month', async () => {
    await loadRawFixture(warehouse, fixture);
    await buildAndCheck(warehouse, models, vars);
    const rows = await warehouse.query('select * from marts.csat_monthly');
    const none = { responses: 0, satisfied: 0, csat: null };
    expect(rows).toEqual([
      { month: '2023-12-01', segment: 'all', responses: 1, satisfied: 0, csat: 0 },
      { month: '2023-12-01', segment: 'enterprise', ...none },
      { month: '2023-12-01', segment: 'smb', responses: 1, satisfied: 0, csat: 0 },
      { month: '2024-01-01', segment: 'all', responses: 1, satisfied: 1, csat: 100 },
      { month: '2024-01-01', segment: 'enterprise', ...none },
      { month: '2024-01-01', segment: 'smb', responses: 1, satisfied: 1, csat: 100 },
      // February: 3 and 4 → 100 × 1 / 2 = 50.
      { month: '2024-02-01', segment: 'all', responses: 2, satisfied: 1, csat: 50 },
      { month: '2024-02-01', segment: 'enterprise', responses: 2, satisfied: 1, csat: 50 },
      { month: '2024-02-01', segment: 'smb', ...none },
      { month: '2024-03-01', segment: 'all', ...none },
      { month: '2024-03-01', segment: 'enterprise', ...none },
      { month: '2024-03-01', segment: 'smb', ...none },
    ]);
  });

  it('fails its identity tests when the all row stops adding up or NPS leaves its range', async () => {
    await loadRawFixture(warehouse, fixture);
    await buildAndCheck(warehouse, models, vars);
    await warehouse.exec(
      "update marts.nps_monthly set responses = responses + 1, nps = 150 where segment = 'all' and month = '2024-01-01'",
    );
    const run = await runTests({ warehouse, models, vars, select: 'nps_monthly' });
    const failed = run.nodes[0]!.tests.filter((test) => test.status === 'fail').map((test) => test.name);
    expect(failed).toEqual(
      expect.arrayContaining(['nps_monthly_all_row_is_sum_of_segments', 'nps_monthly_nps_in_range']),
    );
  });

  it('has no rows without survey responses', async () => {
    await loadRawFixture(warehouse, { accounts: fixture.accounts });
    await buildAndCheck(warehouse, models, vars);
    const [row] = await warehouse.query<{ n: number }>(
      'select (select count(*) from marts.nps_monthly) + (select count(*) from marts.csat_monthly) as n',
    );
    expect(row!.n).toBe(0);
  });
});
