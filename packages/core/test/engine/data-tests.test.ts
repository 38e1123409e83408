import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import {
  type AnyModel,
  acceptedValues,
  custom,
  type DataTest,
  defineModel,
  expression,
  notNull,
  relationships,
  runBuild,
  unique,
  type Warehouse,
} from '../../src/index.js';
import { accountsModel } from '../support/models.js';
import { seededWarehouse } from '../support/temp-warehouse.js';

/** Seven users, six of them without an email; user 7 belongs to an account that does not exist. */
const users = (tests: readonly DataTest[], grain: readonly ('user_id' | 'account_id')[] = ['user_id']) =>
  defineModel({
    name: 'users',
    layer: 'marts',
    materialized: 'table',
    description: 'Users of the accounts.',
    grain,
    columns: z.object({
      user_id: z.int().describe('User id.'),
      account_id: z.string().describe('Account of the user.'),
      email: z.string().nullable().describe('Email, when known.'),
    }),
    tests,
    inputs: [],
    build: () => sql`
      select range::integer as user_id,
             case when range < 7 then 'a' || (range % 3 + 1) else 'zz' end as account_id,
             case when range = 1 then 'one@example.com' end as email
      from range(1, 8)`,
  });

const usersReport = defineModel({
  name: 'users_report',
  layer: 'marts',
  materialized: 'table',
  description: 'Reads users, so it is skipped when users fails.',
  columns: z.object({ n: z.int().describe('Number of users.') }),
  inputs: [users([])],
  build: (db) => db.selectFrom('users').select(sql<number>`count(*)::integer`.as('n')),
});

describe('data tests', () => {
  let warehouse: Warehouse;
  beforeAll(async () => {
    warehouse = await seededWarehouse();
  });
  afterAll(() => warehouse.close());

  async function testsOf(tests: readonly DataTest[], grain?: readonly ('user_id' | 'account_id')[]) {
    const models = [accountsModel('stg_accounts'), users(tests, grain), usersReport];
    const result = await runBuild({ warehouse, models, vars: { minUserId: 1 } });
    const node = result.nodes.find((n) => n.name === 'users')!;
    const report = result.nodes.find((n) => n.name === 'users_report')!;
    return { node, report, tests: Object.fromEntries(node.tests.map((test) => [test.name, test])) };
  }

  it('adds unique on the grain and not_null on non-nullable columns, and they pass on good data', async () => {
    const { node, report } = await testsOf([]);
    expect(node.tests.map((test) => [test.name, test.kind, test.status, test.failures])).toEqual([
      ['unique_users_user_id', 'unique', 'pass', 0],
      ['not_null_users_user_id', 'not_null', 'pass', 0],
      ['not_null_users_account_id', 'not_null', 'pass', 0],
    ]);
    expect([node.status, report.status]).toEqual(['success', 'success']);
  });

  it('unique fails on a repeated key, showing the key and how often it repeats', async () => {
    const { node, report, tests } = await testsOf([], ['account_id']);
    expect(tests.unique_users_account_id).toMatchObject({
      status: 'fail',
      failures: 3,
      failingRows: [
        { account_id: 'a1', n_records: 2 },
        { account_id: 'a2', n_records: 2 },
        { account_id: 'a3', n_records: 2 },
      ],
    });
    expect(node.status).toBe('error');
    expect(node.message).toBe('1 of 3 tests failed: unique_users_account_id (3)');
    expect(report).toMatchObject({
      status: 'skipped',
      failedAncestor: 'users',
      message: 'Skipped because upstream model "users" failed.',
    });
  });

  it('unique on several columns compares NULL as a value', async () => {
    const { tests } = await testsOf([
      unique(['account_id', 'email'], { name: 'pair' }),
      unique(['user_id', 'email']),
    ]);
    expect(tests.pair).toMatchObject({
      status: 'fail',
      failures: 2,
      failingRows: [
        { account_id: 'a1', email: null, n_records: 2 },
        { account_id: 'a3', email: null, n_records: 2 },
      ],
    });
    expect(tests.unique_users_user_id__email).toMatchObject({ status: 'pass' });
  });

  it('not_null fails with the failure count and only the first 5 failing rows', async () => {
    const { tests } = await testsOf([notNull('email')]);
    const test = tests.not_null_users_email!;
    expect([test.status, test.failures, test.failingRows.length]).toEqual(['fail', 6, 5]);
    expect(test.failingRows[0]).toEqual({ user_id: 2, account_id: 'a3', email: null });
  });

  it('accepted_values passes on allowed values, fails on others and ignores NULL', async () => {
    const { tests } = await testsOf([
      acceptedValues('account_id', ['a1', 'a2', 'a3', 'zz'], { name: 'all_known' }),
      acceptedValues('account_id', ['a1', 'a2', 'a3'], { name: 'no_zz' }),
      acceptedValues('email', ['one@example.com'], { name: 'emails' }),
    ]);
    expect(tests.all_known).toMatchObject({ status: 'pass', failures: 0, failingRows: [] });
    expect(tests.no_zz).toMatchObject({
      status: 'fail',
      failures: 1,
      failingRows: [{ user_id: 7, account_id: 'zz', email: null }],
    });
    expect(tests.emails).toMatchObject({ status: 'pass' });
  });

  it('accepted_values binds its values, so a quote in a value is data, not SQL', async () => {
    const { tests } = await testsOf([acceptedValues('account_id', ["a1' or 1=1 --"], { name: 'quoted' })]);
    expect(tests.quoted).toMatchObject({ status: 'fail', failures: 7 });
  });

  it('relationships fails on values missing from the parent model', async () => {
    const { tests } = await testsOf([
      relationships('account_id', { model: 'stg_accounts', field: 'account_id' }),
      relationships('account_id', { model: 'raw.accounts', field: 'account_id' }, { name: 'to_raw' }),
    ]);
    expect(tests.relationships_users_account_id__stg_accounts_account_id).toMatchObject({
      status: 'fail',
      failures: 1,
      failingRows: [{ user_id: 7, account_id: 'zz', email: null }],
    });
    expect(tests.to_raw).toMatchObject({ status: 'fail', failures: 1 });
  });

  it('expression must hold on every row: false and NULL both fail', async () => {
    const { tests } = await testsOf([
      expression('user_id between 1 and 7', { name: 'in_range' }),
      expression('user_id < 7', { name: 'below_7' }),
      expression("email like '%@%'", { name: 'has_at' }),
    ]);
    expect(tests.in_range).toMatchObject({ status: 'pass' });
    expect(tests.below_7).toMatchObject({ status: 'fail', failures: 1, failingRows: [{ user_id: 7 }] });
    expect(tests.has_at).toMatchObject({ status: 'fail', failures: 6 });
  });

  it('custom runs a query returning failing rows, with model refs and vars', async () => {
    const { tests } = await testsOf([
      custom('users_without_account', (db, vars: { minUserId: number }) =>
        db
          .selectFrom('users')
          .where('user_id', '>=', vars.minUserId)
          .where('account_id', 'not in', db.selectFrom('stg_accounts').select('account_id'))
          .select(['user_id', 'account_id']),
      ),
      custom('raw_sql', () => sql`select 1 as x where false`),
    ]);
    expect(tests.users_without_account).toMatchObject({
      status: 'fail',
      failures: 1,
      failingRows: [{ user_id: 7, account_id: 'zz' }],
    });
    expect(tests.raw_sql).toMatchObject({ status: 'pass', failures: 0 });
  });

  it('a failing warn test is reported as warn and does not fail the model or skip its descendants', async () => {
    const { node, report, tests } = await testsOf([notNull('email', { severity: 'warn' })]);
    expect(tests.not_null_users_email).toMatchObject({ status: 'warn', severity: 'warn', failures: 6 });
    expect([node.status, node.message, report.status]).toEqual(['success', null, 'success']);
  });

  it('a test that cannot run is an error of the model, whatever its severity', async () => {
    const { node, report, tests } = await testsOf([
      expression('no_such_column > 0', { name: 'broken', severity: 'warn' }),
    ]);
    expect(tests.broken?.status).toBe('error');
    expect(tests.broken?.message).toContain('Test "broken" could not run: Binder Error');
    expect([node.status, node.message, report.status]).toEqual([
      'error',
      '1 of 4 tests failed: broken (could not run)',
      'skipped',
    ]);
  });

  it("counts a model's row tests (not_null, accepted_values, expression) in one scan, each with its own result", async () => {
    const query = vi.spyOn(warehouse, 'query');
    try {
      const { tests } = await testsOf([
        notNull('email'),
        acceptedValues('account_id', ['a1', 'a2'], { name: 'a1_a2' }),
        acceptedValues('account_id', ['a3', 'zz', 'a1', 'a2'], { name: 'all_four' }),
        expression('user_id <= 6', { name: 'at_most_6' }),
      ]);
      expect(Object.values(tests).map((test) => [test.name, test.kind, test.status, test.failures])).toEqual([
        ['unique_users_user_id', 'unique', 'pass', 0],
        ['not_null_users_user_id', 'not_null', 'pass', 0],
        ['not_null_users_account_id', 'not_null', 'pass', 0],
        ['not_null_users_email', 'not_null', 'fail', 6],
        ['a1_a2', 'accepted_values', 'fail', 3],
        ['all_four', 'accepted_values', 'pass', 0],
        ['at_most_6', 'expression', 'fail', 1],
      ]);
      expect(tests.a1_a2!.failingRows.map((row) => row.account_id)).toEqual(['a3', 'a3', 'zz']);
      expect(tests.at_most_6!.failingRows).toEqual([{ user_id: 7, account_id: 'zz', email: null }]);
      const onUsers = query.mock.calls
        .map(([text]) => String(text))
        .filter((text) => /\bfrom "marts"\."users"/.test(text) && !text.startsWith('create'));
      // One count for the six row tests, then the first rows of the three that failed (the unique test is
      // proved by its bitmap, two queries).
      expect(onUsers.filter((text) => text.includes('filter (where'))).toHaveLength(1);
      expect(onUsers.filter((text) => text.includes('limit 5'))).toHaveLength(3);
    } finally {
      query.mockRestore();
    }
  });

  it('failing rows are JSON-safe: dates become ISO strings', async () => {
    const dated = defineModel({
      name: 'dated',
      layer: 'marts',
      materialized: 'table',
      description: 'One dated row.',
      columns: z.object({ at: z.date().describe('When.'), day: z.iso.date().describe('Day.') }),
      tests: [expression('false', { name: 'always_fails' })],
      inputs: [],
      build: () => sql`select timestamp '2024-03-31 23:59:59' as at, date '2024-03-31' as day`,
    });
    const result = await runBuild({ warehouse, models: [dated], vars: {} });
    const test = result.nodes[0]!.tests.find((t) => t.name === 'always_fails')!;
    expect(test.failingRows).toEqual([{ at: '2024-03-31T23:59:59.000Z', day: '2024-03-31' }]);
  });
});

describe('unique on a text and an INTEGER column (the bitmap proof)', () => {
  /** Rows of (file, line) given as SQL values. */
  const lines = (values: string) =>
    defineModel({
      name: 'lines',
      layer: 'staging',
      materialized: 'table',
      description: 'Lines of files.',
      grain: ['file', 'line'],
      columns: z.object({
        file: z.string().nullable().describe('File.'),
        line: z.int().nullable().describe('Line of the file.'),
      }),
      inputs: [],
      build: () => sql.raw(`select file, line::integer as line from (values ${values}) as v(file, line)`),
    });
  const uniqueOf = uniqueTestOf(lines);

  it('passes on the bitmap alone when every line is once in its file (the same line in two files included)', async () => {
    expect(await uniqueOf(`('a', 1), ('a', 2), ('b', 1), ('b', 7), (null, 1)`)).toEqual({
      result: ['pass', 0, []],
      bitmap: true,
      exact: false,
    });
  });

  it('shows the repeated keys, from the exact query, when a line repeats in a file', async () => {
    expect(await uniqueOf(`('a', 1), ('a', 2), ('b', 2), ('a', 2), (null, 3), (null, 3)`)).toEqual({
      result: [
        'fail',
        2,
        [
          { file: 'a', line: 2, n_records: 2 },
          { file: null, line: 3, n_records: 2 },
        ],
      ],
      bitmap: true,
      exact: true,
    });
  });

  it('leaves NULL lines to the exact query: one is unique, two in a file repeat', async () => {
    expect((await uniqueOf(`('a', 1), ('a', null), ('b', null)`)).result).toEqual(['pass', 0, []]);
    expect(await uniqueOf(`('a', 1), ('a', null), ('a', null)`)).toEqual({
      result: ['fail', 1, [{ file: 'a', line: null, n_records: 2 }]],
      bitmap: true,
      exact: true,
    });
  });

  it('does not build a bitmap wider than 2^28 bits in all: the exact query decides', async () => {
    expect(await uniqueOf(`('a', 1), ('a', 200000000), ('b', 5)`)).toEqual({
      result: ['pass', 0, []],
      bitmap: false,
      exact: true,
    });
  });
});

describe('unique on a text and a DATE column (the bitmap proof by day number)', () => {
  /** Rows of (account, month) given as SQL values. */
  const months = (values: string) =>
    defineModel({
      name: 'account_months',
      layer: 'marts',
      materialized: 'table',
      description: 'Months of accounts.',
      grain: ['account_id', 'month'],
      columns: z.object({
        account_id: z.string().nullable().describe('Account.'),
        month: z.iso.date().nullable().describe('First day of the month.'),
      }),
      inputs: [],
      build: () =>
        sql.raw(`select account_id, month::date as month from (values ${values}) as v(account_id, month)`),
    });
  const uniqueOf = uniqueTestOf(months);

  it('passes on the bitmap alone when each month is once per account, dates before 1970 included', async () => {
    expect(
      await uniqueOf(`('a', '2024-01-01'), ('a', '2024-02-01'), ('b', '2024-01-01'), ('b', '1969-12-01')`),
    ).toEqual({ result: ['pass', 0, []], bitmap: true, exact: false });
  });

  it('shows the repeated month, from the exact query, when an account has a month twice', async () => {
    expect(
      await uniqueOf(`('a', '2024-01-01'), ('a', '2024-02-01'), ('b', '2024-02-01'), ('a', '2024-02-01')`),
    ).toEqual({
      result: ['fail', 1, [{ account_id: 'a', month: '2024-02-01', n_records: 2 }]],
      bitmap: true,
      exact: true,
    });
  });

  it('leaves NULL months to the exact query', async () => {
    expect(await uniqueOf(`('a', '2024-01-01'), ('a', null), ('a', null)`)).toEqual({
      result: ['fail', 1, [{ account_id: 'a', month: null, n_records: 2 }]],
      bitmap: true,
      exact: true,
    });
  });
});

/**
 * Registers a warehouse for the enclosing describe and returns a function that builds the model over these
 * SQL values and reports its unique test: the result, and whether the bitmap and the exact query ran.
 */
function uniqueTestOf(model: (values: string) => AnyModel) {
  let warehouse: Warehouse;
  let statements: string[] = [];
  beforeAll(async () => {
    warehouse = await seededWarehouse();
    const query = warehouse.query.bind(warehouse);
    // Records what the unique test ran: the bitmap alone when it proves the keys unique.
    warehouse.query = ((text: string, parameters?: readonly unknown[]) => {
      statements.push(text);
      return query(text, parameters);
    }) as typeof warehouse.query;
  });
  afterAll(() => warehouse.close());
  return async (values: string) => {
    statements = [];
    const result = await runBuild({ warehouse, models: [model(values)], vars: {} });
    const test = result.nodes[0]!.tests.find((t) => t.kind === 'unique')!;
    const ran = statements.filter((text) => /bitstring_agg|hash\(/.test(text));
    return {
      result: [test.status, test.failures, test.failingRows],
      bitmap: ran.some((text) => text.includes('bitstring_agg')),
      exact: ran.some((text) => text.includes('hash(')),
    };
  };
}
