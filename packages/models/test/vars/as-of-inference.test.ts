import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildProject, Warehouse } from '@pulse/core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pulseConfigSchema } from '../../src/config.js';
import { project } from '../../src/project.js';
import { AsOfError, resolveVars } from '../../src/vars.js';
import { loadRawFixture, type RawFixture } from '../support/raw-fixture.js';
import { buildRevenue } from '../support/revenue-build.js';

/**
 * G2: as_of is the config value, else the latest date found in accounts.created_at,
 * subscriptions.start_date, invoices.issued_at, events.occurred_at, tickets.created_at and
 * survey_responses.responded_at — never a (future) subscription end_date.
 */

// Every date of the base is on or before 2024-03-10, except the end_date 2030-12-31 which must never count.
const base: RawFixture = {
  accounts: [{ account_id: 'A1', created_at: '2024-01-05T08:00:00Z', segment: 'smb' }],
  subscriptions: [
    {
      subscription_id: 's1',
      account_id: 'A1',
      amount: 100,
      start_date: '2024-01-10',
      end_date: '2030-12-31',
    },
  ],
  invoices: [{ invoice_id: 'i1', account_id: 'A1', issued_at: '2024-01-10T00:00:00Z', amount: 100 }],
  events: [{ account_id: 'A1', user_id: 'u1', event_name: 'login', occurred_at: '2024-02-01T10:00:00Z' }],
  tickets: [{ ticket_id: 't1', account_id: 'A1', created_at: '2024-02-15T10:00:00Z' }],
  survey_responses: [
    {
      response_id: 'r1',
      account_id: 'A1',
      survey: 'nps',
      score: 9,
      responded_at: '2024-03-10T10:00:00Z',
    },
  ],
};
const BASE_LATEST = '2024-03-10';

/** The base fixture with one more row in `source` (its rows are appended after the base ones). */
function withRow<S extends keyof RawFixture>(source: S, row: NonNullable<RawFixture[S]>[number]): RawFixture {
  return { ...base, [source]: [...((base[source] ?? []) as unknown[]), row] } as RawFixture;
}

const defaults = pulseConfigSchema.parse({});

describe('as_of inference (G2)', () => {
  let warehouse: Warehouse;
  beforeEach(async () => {
    warehouse = await Warehouse.open(':memory:');
  });
  afterEach(() => warehouse.close());

  async function inferred(fixture: RawFixture, config = defaults): Promise<string> {
    await loadRawFixture(warehouse, fixture);
    return (await resolveVars(warehouse, config)).asOf;
  }

  it('is the latest date of the base fixture, not its future subscription end_date', async () => {
    expect(await inferred(base)).toBe(BASE_LATEST);
  });

  const latestPerSource: [string, RawFixture, string][] = [
    [
      'accounts.created_at',
      withRow('accounts', { account_id: 'A2', created_at: '2024-04-02T23:59:59Z', segment: 'smb' }),
      '2024-04-02',
    ],
    [
      'subscriptions.start_date',
      withRow('subscriptions', {
        subscription_id: 's2',
        account_id: 'A1',
        amount: 50,
        start_date: '2024-04-03',
        end_date: '2031-06-30',
      }),
      '2024-04-03',
    ],
    [
      'invoices.issued_at',
      withRow('invoices', {
        invoice_id: 'i2',
        account_id: 'A1',
        issued_at: '2024-04-04T12:00:00Z',
        amount: 1,
      }),
      '2024-04-04',
    ],
    [
      'events.occurred_at',
      // 23:30 at UTC−05:00 is 04:30 UTC on the next day: the date is the UTC one.
      withRow('events', {
        account_id: 'A1',
        user_id: 'u2',
        event_name: 'login',
        occurred_at: '2024-04-04T23:30:00-05:00',
      }),
      '2024-04-05',
    ],
    [
      'tickets.created_at',
      withRow('tickets', { ticket_id: 't2', account_id: 'A1', created_at: '2024-04-06T00:00:00Z' }),
      '2024-04-06',
    ],
    [
      'survey_responses.responded_at',
      withRow('survey_responses', {
        response_id: 'r2',
        account_id: 'A1',
        survey: 'csat',
        score: 4,
        responded_at: '2024-04-07T18:00:00Z',
      }),
      '2024-04-07',
    ],
  ];

  for (const [column, fixture, expected] of latestPerSource) {
    it(`is taken from ${column} when it holds the latest date`, async () => {
      expect(await inferred(fixture)).toBe(expected);
    });
  }

  it('ignores dates that are not in the G2 list (ticket resolution, first response, fx rates, spend)', async () => {
    const fixture: RawFixture = {
      ...base,
      tickets: [
        {
          ticket_id: 't1',
          account_id: 'A1',
          created_at: '2024-02-15T10:00:00Z',
          first_response_at: '2024-05-01T00:00:00Z',
          resolved_at: '2024-05-02T00:00:00Z',
        },
      ],
      fx_rates: [{ date: '2024-06-01', currency: 'EUR', rate: 1.1 }],
      spend: [{ month: '2024-07-01', channel: 'paid', amount: 10 }],
    };
    expect(await inferred(fixture)).toBe(BASE_LATEST);
  });

  it('is the latest start_date with only the two required sources, however far the end_dates go', async () => {
    expect(await inferred({ accounts: base.accounts, subscriptions: base.subscriptions })).toBe('2024-01-10');
  });

  it('is the config value when set, earlier or later than the data', async () => {
    const later = withRow('events', {
      account_id: 'A1',
      user_id: 'u2',
      event_name: 'login',
      occurred_at: '2024-04-05T10:00:00Z',
    });
    expect(await inferred(later, pulseConfigSchema.parse({ as_of: '2024-02-20' }))).toBe('2024-02-20');
    expect(await inferred(later, pulseConfigSchema.parse({ as_of: '2025-01-31' }))).toBe('2025-01-31');
  });

  it('fails with a clear error when the data holds no date and no as_of is set', async () => {
    await loadRawFixture(warehouse, {});
    await expect(resolveVars(warehouse, defaults)).rejects.toThrow(AsOfError);
    await expect(resolveVars(warehouse, defaults)).rejects.toThrow(/Set "as_of" in pulse.config.json/);
  });

  it('drives the build: no month after the inferred as-of month, however late the end_date', async () => {
    const asOf = await inferred(base);
    await buildRevenue(warehouse, base, { asOf });
    const months = await warehouse.query<{ month: string }>(
      "select distinct month from marts.mrr_monthly where segment = 'all' order by month",
    );
    expect(months.map((row) => row.month)).toEqual(['2024-01-01', '2024-02-01', '2024-03-01']);
  });
});

describe('as_of inference through ingestion (pulse build)', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'pulse-as-of-'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  /** Writes the export files, builds, and returns the run's as_of and the last month of mrr_monthly. */
  async function build(files: Record<string, string>, config?: object) {
    const dir = await mkdtemp(join(root, 'run-'));
    const dataDir = join(dir, 'data', 'raw');
    await mkdir(dataDir, { recursive: true });
    for (const [name, text] of Object.entries(files)) await writeFile(join(dataDir, name), text);
    const configFile = config ? join(dir, 'data', 'pulse.config.json') : undefined;
    if (configFile) await writeFile(configFile, JSON.stringify(config));
    const paths = {
      root: dir,
      dataDir,
      warehouse: join(dir, 'data', 'warehouse.duckdb'),
      configFile,
      configExplicit: false,
      targetDir: join(dir, 'target'),
      exportDir: join(dir, 'data', 'marts'),
    };
    const result = await buildProject({ project, paths });
    expect(result.run.success).toBe(true);
    const runResults = JSON.parse(await readFile(result.artifacts.runResults, 'utf8')) as { as_of: string };
    const db = await Warehouse.open(paths.warehouse, { readOnly: true });
    try {
      const [last] = await db.query<{ month: string }>(
        "select max(month) as month from marts.mrr_monthly where segment = 'all'",
      );
      return { asOf: runResults.as_of, lastMonth: last!.month };
    } finally {
      await db.close();
    }
  }

  const accounts = 'account_id,name,created_at,segment\nA1,Acme,2024-01-05T08:00:00Z,smb\n';
  // An open-ended period and a closed one ending years ahead: neither end_date is a date that happened.
  const subscriptions =
    'subscription_id,account_id,plan,billing_interval,amount,currency,start_date,end_date,is_trial\n' +
    's1,A1,pro,month,100,USD,2024-01-10,2031-01-01,false\ns2,A1,pro,month,10,USD,2024-02-01,,false\n';

  it('takes the latest UTC date of the exports, never a future end_date', async () => {
    const built = await build({
      'accounts.csv': accounts,
      'subscriptions.csv': subscriptions,
      // 23:30 at UTC−05:00 on March 31st is April 1st in UTC: as_of moves into April.
      'events.csv': 'account_id,user_id,event_name,occurred_at\nA1,u1,login,2024-03-31T23:30:00-05:00\n',
    });
    expect(built).toEqual({ asOf: '2024-04-01', lastMonth: '2024-04-01' });
  });

  it('is the latest start_date with only the required sources', async () => {
    const built = await build({ 'accounts.csv': accounts, 'subscriptions.csv': subscriptions });
    expect(built).toEqual({ asOf: '2024-02-01', lastMonth: '2024-02-01' });
  });

  it('is the config as_of when set', async () => {
    const built = await build(
      { 'accounts.csv': accounts, 'subscriptions.csv': subscriptions },
      { as_of: '2024-05-20' },
    );
    expect(built).toEqual({ asOf: '2024-05-20', lastMonth: '2024-05-01' });
  });
});
