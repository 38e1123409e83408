import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineModel, runBuild, type Warehouse } from '../../src/index.js';
import { rawAccounts } from '../support/models.js';
import { seededWarehouse } from '../support/temp-warehouse.js';

const contract = z.object({
  account_id: z.string().describe('Account id.'),
  mrr: z.number().describe('MRR.'),
  seats: z.int().describe('Seats.'),
});

function modelSelecting(selectList: string) {
  return defineModel({
    name: 'account_mrr',
    layer: 'marts',
    materialized: 'table',
    description: 'A model whose query may drift from its contract.',
    columns: contract,
    inputs: [rawAccounts],
    build: () => sql.raw(`select ${selectList} from raw.accounts`),
  });
}

describe('column contracts', () => {
  let warehouse: Warehouse;
  beforeAll(async () => {
    warehouse = await seededWarehouse();
  });
  afterAll(() => warehouse.close());

  async function messageOf(selectList: string) {
    const result = await runBuild({ warehouse, models: [modelSelecting(selectList)], vars: {} });
    return [result.nodes[0]!.status, result.nodes[0]!.message];
  }

  it('passes when names and DuckDB types match', async () => {
    expect(await messageOf('account_id, mrr, 3::integer as seats')).toEqual(['success', null]);
  });

  it('names a missing column and its expected type', async () => {
    expect(await messageOf('account_id, mrr')).toEqual([
      'error',
      'Model "account_mrr" does not match its column contract:\n  - column "seats" is missing (expected INTEGER)',
    ]);
  });

  it('names an extra column and its type', async () => {
    expect(await messageOf("account_id, mrr, 3::integer as seats, 'x' as note")).toEqual([
      'error',
      'Model "account_mrr" does not match its column contract:\n  - column "note" (VARCHAR) is not in the contract: declare it or drop it',
    ]);
  });

  it('names a mistyped column with expected and found type, listing every problem', async () => {
    expect(await messageOf('account_id, mrr::decimal(10,2) as mrr, count(*) over () as seats')).toEqual([
      'error',
      'Model "account_mrr" does not match its column contract:\n' +
        '  - column "mrr": expected DOUBLE, found DECIMAL(10,2)\n' +
        '  - column "seats": expected INTEGER, found BIGINT',
    ]);
  });
});

describe('a z.bigint() column', () => {
  const hashed = (selectList: string) =>
    defineModel({
      name: 'account_hashes',
      layer: 'staging',
      materialized: 'table',
      description: 'Accounts with a 64-bit hash of their id.',
      columns: z.object({ id_hash: z.bigint().describe('64-bit hash of the account id.') }),
      inputs: [rawAccounts],
      build: () => sql.raw(`select ${selectList} as id_hash from raw.accounts`),
    });
  let warehouse: Warehouse;
  beforeAll(async () => {
    warehouse = await seededWarehouse();
  });
  afterAll(() => warehouse.close());

  it('is a BIGINT: a UBIGINT (DuckDB’s own hash) breaks the contract', async () => {
    const ok = await runBuild({ warehouse, models: [hashed('(hash(account_id) >> 1)::BIGINT')], vars: {} });
    expect(ok.nodes[0]!.status).toBe('success');
    const unsigned = await runBuild({ warehouse, models: [hashed('hash(account_id)')], vars: {} });
    expect(unsigned.nodes[0]!.message).toBe(
      'Model "account_hashes" does not match its column contract:\n  - column "id_hash": expected BIGINT, found UBIGINT',
    );
  });
});
