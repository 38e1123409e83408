import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  defineModel,
  evaluateTargets,
  failingTargets,
  latestCompleteMonth,
  runBuild,
  type Target,
  targetSchema,
  targetsOf,
  Warehouse,
} from '../../src/index.js';

describe('latestCompleteMonth', () => {
  it.each([
    ['2024-06-15', '2024-05-01'], // June is running: May
    ['2024-06-30', '2024-06-01'], // as_of is June's last day: June is complete
    ['2024-02-29', '2024-02-01'], // leap day is February's last
    ['2024-02-28', '2024-01-01'],
    ['2024-01-01', '2023-12-01'], // across the year
    ['2023-12-31', '2023-12-01'],
  ])('as_of %s judges %s', (asOf, month) => {
    expect(latestCompleteMonth(asOf)).toBe(month);
  });

  it('refuses a value that is not a date', () => {
    expect(() => latestCompleteMonth('June')).toThrow(/as_of must be a date YYYY-MM-DD, got "June"/);
  });
});

/** Churn by month and segment: May all 0.04 / smb 0.08 / ent NULL, June (running at as_of) all 0.5. */
const churn = defineModel({
  name: 'churn_monthly',
  layer: 'marts',
  materialized: 'table',
  description: 'Churn by month and segment.',
  grain: ['month', 'segment'],
  columns: z.object({
    month: z.iso.date().describe('Month.'),
    segment: z.string().describe('Segment.'),
    rate: z.number().nullable().describe('Rate.'),
  }),
  inputs: [],
  build: () => sql`
    select * from (values
      ('2024-05-01'::date, 'all', 0.04), ('2024-05-01'::date, 'smb', 0.08),
      ('2024-05-01'::date, 'ent', null::double), ('2024-06-01'::date, 'all', 0.5)
    ) as t(month, segment, rate)`,
});
const byAccount = defineModel({
  name: 'account_scores',
  layer: 'marts',
  materialized: 'table',
  description: 'Not monthly per segment.',
  grain: ['account_id', 'month'],
  columns: z.object({
    account_id: z.string().describe('Account.'),
    month: z.iso.date().describe('Month.'),
    segment: z.string().describe('Segment.'),
    score: z.number().describe('Score.'),
  }),
  inputs: [],
  build: () =>
    sql`select 'a' as account_id, '2024-05-01'::date as month, 'all' as segment, 1.0::double as score`,
});
const models = [churn, byAccount];
const target = (metric: string, operator: '<' | '>', threshold: number, segment = 'all'): Target => ({
  metric,
  segment,
  operator,
  threshold,
});

describe('evaluateTargets', () => {
  let warehouse: Warehouse;
  beforeAll(async () => {
    warehouse = await Warehouse.open(':memory:');
    await runBuild({ warehouse, models, vars: {} });
  });
  afterAll(() => warehouse.close());

  it('judges each target on the latest complete month, never the running one', async () => {
    const results = await evaluateTargets({
      warehouse,
      models,
      asOf: '2024-06-15',
      targets: [
        target('churn_monthly.rate', '<', 0.05),
        target('churn_monthly.rate', '<', 0.05, 'smb'),
        target('churn_monthly.rate', '>', 0.04), // equal is not above: breached
        target('churn_monthly.rate', '<', 0.05, 'ent'),
        target('churn_monthly.rate', '<', 0.05, 'mid'),
      ],
    });
    expect(results.map(({ status, value, month }) => ({ status, value, month }))).toEqual([
      { status: 'met', value: 0.04, month: '2024-05-01' },
      { status: 'breached', value: 0.08, month: '2024-05-01' },
      { status: 'breached', value: 0.04, month: '2024-05-01' },
      { status: 'no_data', value: null, month: '2024-05-01' },
      { status: 'no_data', value: null, month: '2024-05-01' },
    ]);
    expect(results.map((result) => result.message)).toEqual([
      'churn_monthly.rate [all] in 2024-05 is 0.04, target < 0.05: met',
      'churn_monthly.rate [smb] in 2024-05 is 0.08, target < 0.05: BREACHED',
      'churn_monthly.rate [all] in 2024-05 is 0.04, target > 0.04: BREACHED',
      'churn_monthly.rate [ent] in 2024-05 has no value (the value is empty that month), target < 0.05: not judged',
      'churn_monthly.rate [mid] in 2024-05 has no value (no segment "mid" in the data, whose segments are all, ent, smb), target < 0.05: not judged',
    ]);
    expect(failingTargets(results).map((result) => result.segment)).toEqual(['smb', 'all']);
  });

  // A misspelt segment read as "no row for segment" in the judged month, as if the data were late.
  it('says a segment is in no row of the mart, with the closest one, apart from one missing that month', async () => {
    const results = await evaluateTargets({
      warehouse,
      models,
      asOf: '2024-06-30',
      targets: [
        target('churn_monthly.rate', '<', 0.05, 'SMB'),
        target('churn_monthly.rate', '<', 0.05, 'smb'),
      ],
    });
    expect(results.map((result) => [result.status, result.message])).toEqual([
      [
        'no_data',
        'churn_monthly.rate [SMB] in 2024-06 has no value (no segment "SMB" in the data; did you mean "smb"?), target < 0.05: not judged',
      ],
      [
        'no_data',
        'churn_monthly.rate [smb] in 2024-06 has no value (no row for segment "smb"), target < 0.05: not judged',
      ],
    ]);
  });

  it('turns an unknown mart or column, a mart that is not monthly or one that failed into that target’s error', async () => {
    const results = await evaluateTargets({
      warehouse,
      models,
      asOf: '2024-06-30',
      failedModels: new Set(['churn_monthly']),
      targets: [
        target('nope.rate', '<', 1),
        target('account_scores.score', '>', 0),
        target('churn_monthly.ratio', '<', 1),
        target('churn_monthly.rate', '<', 1),
      ],
    });
    expect(results.map((result) => result.status)).toEqual(['error', 'error', 'error', 'error']);
    expect(results.map((result) => result.message)).toEqual([
      'nope.rate [all] in 2024-06 cannot be evaluated: the project has no model "nope"; name a mart as "<mart>.<column>"',
      'account_scores.score [all] in 2024-06 cannot be evaluated: "account_scores" is not a monthly mart (one row per month and segment), which a target needs',
      'churn_monthly.ratio [all] in 2024-06 cannot be evaluated: "churn_monthly" has no column "ratio"; its columns are month, segment, rate',
      'churn_monthly.rate [all] in 2024-06 cannot be evaluated: "churn_monthly" failed to build in this run',
    ]);
    expect(failingTargets(results)).toHaveLength(4);
  });

  it('judges nothing without an as_of', async () => {
    const [result] = await evaluateTargets({
      warehouse,
      models,
      asOf: null,
      targets: [target('churn_monthly.rate', '<', 1)],
    });
    expect(result).toMatchObject({ status: 'no_data', month: null, value: null });
  });
});

describe('targetsOf', () => {
  it('reads config targets, none when the project has no such key, and refuses a bad shape', () => {
    expect(targetsOf({ targets: [{ metric: 'a.b', operator: '<', threshold: 1 }] })).toEqual([
      { metric: 'a.b', segment: 'all', operator: '<', threshold: 1 },
    ]);
    expect(targetsOf({})).toEqual([]);
    expect(() => targetsOf({ targets: [{ metric: 'a', operator: '<', threshold: 1 }] })).toThrow();
    expect(targetSchema.safeParse({ metric: 'a.b', operator: '=', threshold: 1 }).success).toBe(false);
  });
});
