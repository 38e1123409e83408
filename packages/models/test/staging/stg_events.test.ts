import { compileModel, Warehouse } from '@pulse/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stgAccounts } from '../../src/staging/stg_accounts.js';
import { stgEvents } from '../../src/staging/stg_events.js';
import { buildAndCheck, customerVars } from '../support/customer-build.js';
import { loadRawFixture } from '../support/raw-fixture.js';

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

const kept = (warehouse: Warehouse, relation: string) =>
  warehouse.query(
    `select coalesce(event_id, '-') as id, user_id, source_line::integer as line from ${relation} order by id, line`,
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
});
