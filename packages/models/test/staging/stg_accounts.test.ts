import { Warehouse } from '@pulse/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stgAccounts } from '../../src/staging/stg_accounts.js';
import { loadRawFixture } from '../support/raw-fixture.js';
import { buildModelsOnTestEngine } from '../support/test-engine.js';

describe('stg_accounts', () => {
  let warehouse: Warehouse;
  beforeEach(async () => {
    warehouse = await Warehouse.open(':memory:');
  });
  afterEach(() => warehouse.close());

  it('keeps accounts created by the end of the as_of day and drops later ones', async () => {
    await loadRawFixture(warehouse, {
      accounts: [
        { account_id: '00042', created_at: '2024-03-31T23:59:59Z', segment: 'smb' },
        { account_id: 'late', created_at: '2024-04-01T00:00:00Z' },
        // 22:00 at UTC-5 is 03:00 UTC on April 1st: after as_of.
        { account_id: 'offset', created_at: '2024-03-31T22:00:00-05:00' },
      ],
    });
    await buildModelsOnTestEngine({ warehouse, models: [stgAccounts], vars: { asOf: '2024-03-31' } });
    const rows = await warehouse.query('select account_id, signup_month, segment from staging.stg_accounts');
    expect(rows).toEqual([{ account_id: '00042', signup_month: '2024-03-01', segment: 'smb' }]);
  });
});
