import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineModel, runBuild, type Warehouse } from '../../src/index.js';
import { accountsModel, rawAccounts } from '../support/models.js';
import { seededWarehouse } from '../support/temp-warehouse.js';

const columns = z.object({ account_id: z.string().describe('Id.'), mrr: z.number().describe('MRR.') });

describe('materializations', () => {
  let warehouse: Warehouse;
  beforeAll(async () => {
    warehouse = await seededWarehouse();
  });
  afterAll(() => warehouse.close());

  it('a view lands in its layer schema, with vars inlined (DuckDB views hold no parameters)', async () => {
    const stgAccounts = accountsModel('stg_accounts');
    const view = defineModel({
      name: 'big_accounts',
      layer: 'marts',
      materialized: 'view',
      description: 'Accounts above a threshold.',
      columns,
      inputs: [stgAccounts],
      build: (db, { vars }: { vars: { min: number } }) =>
        db.selectFrom('stg_accounts').select(['account_id', 'mrr']).where('mrr', '>', vars.min),
    });
    const result = await runBuild({
      warehouse,
      models: [stgAccounts, view],
      vars: { min: 200 },
    });
    expect(result.nodes.map((node) => [node.name, node.status, node.rows])).toEqual([
      ['stg_accounts', 'success', 3],
      ['big_accounts', 'success', null],
    ]);
    const views = await warehouse.query(
      'select schema_name, view_name from duckdb_views() where not internal',
    );
    expect(views).toEqual([{ schema_name: 'marts', view_name: 'big_accounts' }]);
    expect(await warehouse.query('select account_id from marts.big_accounts order by 1')).toEqual([
      { account_id: 'a2' },
      { account_id: 'a3' },
    ]);
  });

  it('a table is sorted by its grain', async () => {
    const sorted = defineModel({
      name: 'sorted',
      layer: 'marts',
      materialized: 'table',
      description: 'Written in grain order, whatever order the query returns.',
      grain: ['mrr'],
      columns,
      inputs: [rawAccounts],
      build: () => sql`select account_id, mrr from raw.accounts order by mrr desc`,
    });
    await runBuild({ warehouse, models: [sorted], vars: {} });
    const rows = await warehouse.query<{ mrr: number }>('select mrr from marts.sorted');
    expect(rows.map((row) => row.mrr)).toEqual([100, 250, 900]);
  });

  it('a staging table with sortedByGrain: false keeps the order its query yields; a mart cannot opt out', async () => {
    const definition = (layer: 'staging' | 'marts') => ({
      name: 'unsorted',
      layer,
      materialized: 'table' as const,
      description: 'Stored as the query returns it: no reader needs the grain order.',
      grain: ['mrr' as const],
      sortedByGrain: false,
      columns,
      inputs: [rawAccounts],
      build: () => sql`select account_id, mrr from raw.accounts order by mrr desc`,
    });
    await runBuild({ warehouse, models: [defineModel(definition('staging'))], vars: {} });
    const rows = await warehouse.query<{ mrr: number }>('select mrr from staging.unsorted');
    expect(rows.map((row) => row.mrr)).toEqual([900, 250, 100]);
    expect(() => defineModel(definition('marts'))).toThrow(/marts are always stored sorted/);
  });

  it('an incremental model replaces rows by unique key and keeps the others', async () => {
    const incremental = defineModel({
      name: 'mrr_history',
      layer: 'intermediate',
      materialized: 'incremental',
      description: 'MRR per account, updated in place.',
      uniqueKey: ['account_id'],
      columns,
      inputs: [rawAccounts],
      build: (_db, { vars }: { vars: { factor: number; only?: string } }) =>
        sql`select account_id, mrr * ${vars.factor} as mrr from raw.accounts where ${vars.only ?? null}::varchar is null or account_id = ${vars.only ?? null}`,
    });
    await runBuild({ warehouse, models: [incremental], vars: { factor: 1 } });
    await runBuild({ warehouse, models: [incremental], vars: { factor: 2, only: 'a2' } });
    expect(await warehouse.query('select * from intermediate.mrr_history order by account_id')).toEqual([
      { account_id: 'a1', mrr: 100 },
      { account_id: 'a2', mrr: 500 },
      { account_id: 'a3', mrr: 900 },
    ]);
  });

  it("a node's rows are the relation's: a table as written (none too), an incremental one after its update", async () => {
    const empty = defineModel({
      name: 'no_accounts',
      layer: 'marts',
      materialized: 'table',
      description: 'No row at all.',
      columns,
      inputs: [rawAccounts],
      build: () => sql`select account_id, mrr from raw.accounts where false`,
    });
    const incremental = defineModel({
      name: 'mrr_counted',
      layer: 'intermediate',
      materialized: 'incremental',
      description: 'MRR per account, updated in place.',
      uniqueKey: ['account_id'],
      columns,
      inputs: [rawAccounts],
      build: (_db, { vars }: { vars: { only?: string } }) =>
        sql`select account_id, mrr from raw.accounts where ${vars.only ?? null}::varchar is null or account_id = ${vars.only ?? null}`,
    });
    const rowsOf = async (vars: { only?: string }) =>
      (
        await runBuild({ warehouse, models: [accountsModel('stg_counted'), empty, incremental], vars })
      ).nodes.map((node) => [node.name, node.rows]);
    expect(await rowsOf({})).toEqual([
      ['stg_counted', 3],
      ['no_accounts', 0],
      ['mrr_counted', 3],
    ]);
    // The update writes one row; the relation still holds three.
    expect(await rowsOf({ only: 'a2' })).toEqual([
      ['stg_counted', 3],
      ['no_accounts', 0],
      ['mrr_counted', 3],
    ]);
  });
});
