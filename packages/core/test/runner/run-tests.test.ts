import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expression, runBuild, runTests, type Warehouse } from '../../src/index.js';
import { accountsModel } from '../support/models.js';
import { seededWarehouse } from '../support/temp-warehouse.js';

describe('runTests (pulse test)', () => {
  let warehouse: Warehouse;
  beforeAll(async () => {
    warehouse = await seededWarehouse();
  });
  afterAll(() => warehouse.close());

  it('tests the relations a build left, without rebuilding them, and skips nothing', async () => {
    const a = accountsModel('a');
    const build = [a, accountsModel('b', [a])];
    await runBuild({ warehouse, models: build, vars: {} });
    await warehouse.exec(`insert into staging.a values ('a1', 'smb', 100.0)`);
    const result = await runTests({ warehouse, models: build, vars: {} });
    expect(result.nodes.map((node) => [node.name, node.status, node.message])).toEqual([
      ['a', 'error', '1 of 4 tests failed: unique_a_account_id (1)'],
      ['b', 'success', null],
    ]);
    expect(result.nodes[0]?.rows).toBe(4);
  });

  it('runs only the selected models and reports a relation that was never built', async () => {
    const a = accountsModel('a');
    const models = [a, accountsModel('never_built', [a], { tests: [expression('true')] })];
    const result = await runTests({ warehouse, models, vars: {}, select: 'never_built' });
    expect(result.nodes.map((node) => [node.name, node.status, node.message])).toEqual([
      [
        'never_built',
        'error',
        'Relation staging.never_built does not exist in the warehouse: run `pulse build` first.',
      ],
    ]);
  });
});
