import { compileModel, runTests, Warehouse } from '@pulse/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stgAccounts } from '../../src/staging/stg_accounts.js';
import { stgEvents } from '../../src/staging/stg_events.js';
import { buildAndCheck, customerVars } from '../support/customer-build.js';
import { loadRawFixture } from '../support/raw-fixture.js';
import { TEST_ENGINE } from '../support/test-engine.js';

const vars = customerVars({ asOf: '2024-03-31' });
const accounts = [{ account_id: 'A1', created_at: '2024-01-01T00:00:00Z', segment: 'smb' }];
// File order = array order. aa and bb are sent once, cc twice (the later copy first in the file), dd
// three times, and two events carry no id.
const events = [
  {
    event_id: 'cc',
    account_id: 'A1',
    user_id: 'u2',
    event_name: 'login',
    occurred_at: '2024-03-05T10:00:00Z',
  },
  {
    event_id: 'aa',
    account_id: 'A1',
    user_id: 'u1',
    event_name: 'login',
    occurred_at: '2024-03-01T10:00:00Z',
  },
  {
    event_id: 'cc',
    account_id: 'A1',
    user_id: 'u1',
    event_name: 'login',
    occurred_at: '2024-03-02T10:00:00Z',
  },
  {
    event_id: 'bb',
    account_id: 'A1',
    user_id: 'u1',
    event_name: 'login',
    occurred_at: '2024-03-03T10:00:00Z',
  },
  {
    event_id: 'dd',
    account_id: 'A1',
    user_id: 'u3',
    event_name: 'login',
    occurred_at: '2024-03-04T10:00:00Z',
  },
  {
    event_id: 'dd',
    account_id: 'A1',
    user_id: 'u4',
    event_name: 'login',
    occurred_at: '2024-03-04T10:00:00Z',
  },
  {
    event_id: 'dd',
    account_id: 'A1',
    user_id: 'u5',
    event_name: 'login',
    occurred_at: '2024-03-01T09:00:00Z',
  },
  {
    event_id: null,
    account_id: 'A1',
    user_id: 'u6',
    event_name: 'login',
    occurred_at: '2024-03-06T10:00:00Z',
  },
  {
    event_id: null,
    account_id: 'A1',
    user_id: 'u6',
    event_name: 'login',
    occurred_at: '2024-03-06T10:00:00Z',
  },
];
const expected = [
  { id: '-', user_id: 'u6', line: 9 },
  { id: '-', user_id: 'u6', line: 10 },
  { id: 'aa', user_id: 'u1', line: 3 },
  { id: 'bb', user_id: 'u1', line: 5 },
  { id: 'cc', user_id: 'u1', line: 4 },
  { id: 'dd', user_id: 'u5', line: 8 },
];

// The id of each kept row is read back from its export row (the table keeps only the id's hash).
const kept = (warehouse: Warehouse, relation: string) =>
  warehouse.query(
    `select coalesce(r.event_id, '-') as id, s.user_id, s.source_line::integer as line
       from ${relation} s join raw.events r on r._file = s.source_file and r._line = s.source_line
      order by id, line`,
  );

describe('stg_events deduplication', () => {
  let warehouse: Warehouse;
  beforeEach(async () => {
    warehouse = await Warehouse.open(':memory:');
    await loadRawFixture(warehouse, { accounts, events });
  });
  afterEach(() => warehouse.close());

  it('keeps the earliest copy of each event_id and every event without one', async () => {
    await buildAndCheck(warehouse, [stgAccounts, stgEvents], vars);
    expect(await kept(warehouse, 'staging.stg_events')).toEqual(expected);
  });

  it('keeps the hash of each event_id, null where the export has none', async () => {
    await buildAndCheck(warehouse, [stgAccounts, stgEvents], vars);
    // Read as text: a 64-bit hash is beyond what a JS number holds exactly.
    const rows = await warehouse.query<{
      id: string | null;
      hash: string | null;
      duckdb_hash: string | null;
    }>(
      `select r.event_id as id, s.event_id_hash::varchar as hash,
              ((hash(r.event_id) >> 1)::BIGINT)::varchar as duckdb_hash
         from staging.stg_events s join raw.events r on r._file = s.source_file and r._line = s.source_line
        order by s.source_line`,
    );
    expect(rows.map((row) => [row.id, row.hash === null])).toEqual([
      ['aa', false],
      ['cc', false],
      ['bb', false],
      ['dd', false],
      [null, true],
      [null, true],
    ]);
    expect(new Set(rows.slice(0, 4).map((row) => row.hash)).size).toBe(4);
    // Each engine has its own hash (PostgreSQL's hashtextextended): DuckDB's is checked exactly.
    if (TEST_ENGINE === 'duckdb')
      expect(rows.slice(0, 4).every((row) => row.hash === row.duckdb_hash)).toBe(true);
  });

  it('its counted-once test flags a repeated id, and not two ids that share a hash', async () => {
    await buildAndCheck(warehouse, [stgAccounts, stgEvents], vars);
    const failing = async () => {
      const run = await runTests({ warehouse, models: [stgAccounts, stgEvents], vars, select: 'stg_events' });
      return run.nodes.flatMap((node) =>
        node.tests.filter((test) => test.status !== 'pass').map((test) => [test.name, test.failingRows]),
      );
    };
    expect(await failing()).toEqual([]);
    // Every id under one hash: the exact ids differ, so nothing is counted twice.
    await warehouse.exec('update staging.stg_events set event_id_hash = 1 where event_id_hash is not null');
    expect(await failing()).toEqual([]);
    // cc's first line (2) kept beside its kept copy (line 4): cc is counted twice.
    await warehouse.exec(
      `insert into staging.stg_events select * replace (2 as source_line) from staging.stg_events where source_line = 4`,
    );
    expect(await failing()).toEqual([['stg_events_event_id_counted_once', [{ event_id: 'cc' }]]]);
  });

  it('decides on the exact id when two ids share a hash', async () => {
    // Run the model's own query with a hash under which every id of the fixture collides (each is two
    // characters long): a dedup that trusted the hash would drop aa or bb.
    await buildAndCheck(warehouse, [stgAccounts], vars);
    const schemas = new Map([
      ['stg_accounts', 'staging'],
      ['stg_events', 'staging'],
    ]);
    const { query } = compileModel(stgEvents, warehouse.db(), schemas, vars);
    // hashOf quotes the column it is given (DuckDB's form: compiled outside any withSqlEngine).
    expect(query.sql).toMatch(/hash\("?event_id"?\)/);
    const colliding = query.sql.replaceAll(/hash\(((?:"?e"?\.)?"?event_id"?)\)/g, 'length($1)');
    expect(colliding).not.toContain('hash(');
    await warehouse.exec(`create table staging.colliding as ${colliding}`, query.parameters);
    expect(await kept(warehouse, 'staging.colliding')).toEqual(expected);
  });

  it('the days of a month rebuilt alone keep the same rows, with a copy in another month and with ids sharing a hash', async () => {
    // A copy of bb dated in February, the export's last row: it is bb's first copy, so March keeps no bb.
    await warehouse.exec(
      `insert into raw.events select * replace (TIMESTAMP '2024-02-10 10:00:00' as occurred_at, 99 as _line)
         from raw.events where event_id = 'bb'`,
    );
    await buildAndCheck(warehouse, [stgAccounts], vars);
    const schemas = new Map([
      ['stg_accounts', 'staging'],
      ['stg_events', 'staging'],
    ]);
    const marchDays = Array.from({ length: 31 }, (_, i) => `2024-03-${String(i + 1).padStart(2, '0')}`);
    const { query } = compileModel(stgEvents, warehouse.db(), schemas, vars, true, marchDays);
    const colliding = query.sql.replaceAll(/hash\(((?:"?e"?\.)?"?event_id"?)\)/g, 'length($1)');
    expect(colliding).not.toContain('hash(');
    const march = expected.filter((row) => row.id !== 'bb');
    await warehouse.exec(`create table staging.march as ${query.sql}`, query.parameters);
    expect(await kept(warehouse, 'staging.march')).toEqual(march);
    await warehouse.exec(`create table staging.colliding as ${colliding}`, query.parameters);
    expect(await kept(warehouse, 'staging.colliding')).toEqual(march);
    // Two days alone: cc's kept copy is on the 2nd (its other copy, on the 5th, is not rebuilt); dd's
    // copies on the 4th lose to its first copy on the 1st, which is not rebuilt either.
    const days = compileModel(stgEvents, warehouse.db(), schemas, vars, true, ['2024-03-02', '2024-03-04']);
    await warehouse.exec(`create table staging.two_days as ${days.query.sql}`, days.query.parameters);
    expect(await kept(warehouse, 'staging.two_days')).toEqual([{ id: 'cc', user_id: 'u1', line: 4 }]);
  });
});

describe('stg_events: only the events of accounts that exist by as_of take part in the dedup (G2)', () => {
  let warehouse: Warehouse;
  beforeEach(async () => {
    warehouse = await Warehouse.open(':memory:');
    await loadRawFixture(warehouse, {
      accounts: [
        { account_id: 'A1', created_at: '2024-01-01T00:00:00Z', segment: 'smb' },
        // Created after as_of: it does not exist yet, and neither do its rows.
        { account_id: 'A9', created_at: '2024-04-10T00:00:00Z', segment: 'smb' },
      ],
      events: [
        {
          event_id: 'xx',
          account_id: 'A9',
          user_id: 'u9',
          event_name: 'login',
          occurred_at: '2024-03-01T10:00:00Z',
        },
        {
          event_id: 'xx',
          account_id: 'A1',
          user_id: 'u1',
          event_name: 'login',
          occurred_at: '2024-03-02T10:00:00Z',
        },
        {
          event_id: 'yy',
          account_id: 'A1',
          user_id: 'u1',
          event_name: 'login',
          occurred_at: '2024-03-03T10:00:00Z',
        },
      ],
    });
  });
  afterEach(() => warehouse.close());

  it("a copy of an account created after as_of does not hide an existing account's copy", async () => {
    await buildAndCheck(warehouse, [stgAccounts, stgEvents], vars);
    // Before: the first copy was ranked over every raw row, so A9's won, and the join to stg_accounts then
    // left out A9's row: xx was not counted at all.
    expect(await kept(warehouse, 'staging.stg_events')).toEqual([
      { id: 'xx', user_id: 'u1', line: 3 },
      { id: 'yy', user_id: 'u1', line: 4 },
    ]);
  });

  it('so does the rebuild of one day', async () => {
    await buildAndCheck(warehouse, [stgAccounts], vars);
    const schemas = new Map([
      ['stg_accounts', 'staging'],
      ['stg_events', 'staging'],
    ]);
    const day = compileModel(stgEvents, warehouse.db(), schemas, vars, true, ['2024-03-02']);
    await warehouse.exec(`create table staging.one_day as ${day.query.sql}`, day.query.parameters);
    expect(await kept(warehouse, 'staging.one_day')).toEqual([{ id: 'xx', user_id: 'u1', line: 3 }]);
  });
});
