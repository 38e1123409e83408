// The fixture harness really builds on the engine its project names: the `models-postgres` project must
// not quietly fall back to DuckDB (then "every fixture on both engines" would be every fixture twice on one).
import { Warehouse } from '@pulse/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stgAccounts } from '../../src/staging/stg_accounts.js';
import { loadRawFixture } from '../support/raw-fixture.js';
import { buildModelsOnTestEngine, TEST_ENGINE } from '../support/test-engine.js';

describe('the fixture harness engine', () => {
  let warehouse: Warehouse;
  beforeEach(async () => {
    warehouse = await Warehouse.open(':memory:');
  });
  afterEach(async () => {
    await warehouse.close();
  });

  it('builds the models where PULSE_TEST_ENGINE says, and brings their rows back', async () => {
    expect(TEST_ENGINE).toBe(process.env.PULSE_TEST_ENGINE === 'postgres' ? 'postgres' : 'duckdb');
    await loadRawFixture(warehouse, { accounts: [{ account_id: 'a1', created_at: '2024-01-05T00:00:00Z' }] });
    const builtIn = await buildModelsOnTestEngine({
      warehouse,
      models: [stgAccounts],
      vars: { asOf: '2024-03-31' },
    });
    expect(builtIn.engine).toBe(TEST_ENGINE);
    expect(await builtIn.query('select account_id from staging.stg_accounts')).toEqual([
      { account_id: 'a1' },
    ]);
    if (TEST_ENGINE === 'postgres') {
      const [server] = await builtIn.query<{ version: string }>('select version()');
      expect(server!.version).toMatch(/^PostgreSQL/);
    }
    expect(await warehouse.query('select signup_month from staging.stg_accounts')).toEqual([
      { signup_month: '2024-01-01' },
    ]);
  });
});
