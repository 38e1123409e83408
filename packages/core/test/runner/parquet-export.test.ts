import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expression, runBuild, type Warehouse } from '../../src/index.js';
import { accountsModel } from '../support/models.js';
import { seededWarehouse, tempDir } from '../support/temp-warehouse.js';

describe('Parquet export of the exported layers', () => {
  let warehouse: Warehouse;
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    warehouse = await seededWarehouse();
    ({ dir, cleanup } = await tempDir());
  });
  afterAll(async () => {
    await warehouse.close();
    await cleanup();
  });

  it('writes every successful mart, nothing else, and removes the stale file of a failed one', async () => {
    await writeFile(join(dir, 'bad_mart.parquet'), 'stale from an earlier build');
    const stgAccounts = accountsModel('stg_accounts');
    const models = [
      stgAccounts,
      accountsModel('mrr', [stgAccounts], { layer: 'marts' }),
      accountsModel('bad_mart', [stgAccounts], { layer: 'marts', tests: [expression('mrr < 0')] }),
    ];
    const result = await runBuild({ warehouse, models, vars: {}, exportDir: dir });
    expect(result.nodes.map((node) => [node.name, node.status, node.exportPath])).toEqual([
      ['stg_accounts', 'success', null],
      ['mrr', 'success', join(dir, 'mrr.parquet')],
      ['bad_mart', 'error', null],
    ]);
    expect(existsSync(join(dir, 'stg_accounts.parquet'))).toBe(false);
    expect(existsSync(join(dir, 'bad_mart.parquet'))).toBe(false);
    const rows = await warehouse.query(
      `select account_id, mrr from read_parquet('${join(dir, 'mrr.parquet')}') order by account_id`,
    );
    expect(rows).toEqual([
      { account_id: 'a1', mrr: 100 },
      { account_id: 'a2', mrr: 250 },
      { account_id: 'a3', mrr: 900 },
    ]);
    const [meta] = await warehouse.query<{ compression: string }>(
      `select compression from parquet_metadata('${join(dir, 'mrr.parquet')}') limit 1`,
    );
    expect(meta?.compression).toBe('ZSTD');
  });

  it('exports the configured layers', async () => {
    const result = await runBuild({
      warehouse,
      models: [accountsModel('stg_accounts')],
      vars: {},
      exportDir: dir,
      exportLayers: ['staging'],
    });
    expect(result.nodes[0]?.exportPath).toBe(join(dir, 'stg_accounts.parquet'));
  });
});
