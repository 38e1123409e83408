import { type Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  DagCycleError,
  defineModel,
  relationships,
  runBuild,
  UnknownRefError,
  type Warehouse,
} from '../../src/index.js';
import { accountsModel } from '../support/models.js';
import { seededWarehouse } from '../support/temp-warehouse.js';

describe('model references', () => {
  let warehouse: Warehouse;
  beforeEach(async () => {
    warehouse = await seededWarehouse();
  });
  afterEach(() => warehouse.close());

  it('rejects a ref to an unknown model, naming the model, the ref and the likely intended name', async () => {
    const models = [accountsModel('stg_accounts'), accountsModel('mrr_monthly', ['stg_acounts'])];
    const build = runBuild({ warehouse, models, vars: {} });
    await expect(build).rejects.toThrow(UnknownRefError);
    await expect(build).rejects.toThrow(
      'Model "mrr_monthly" references "stg_acounts", which is not a model of this project ' +
        '(did you mean "stg_accounts"?). Fix the name, or qualify a table that is not a model with its schema (e.g. raw.accounts).',
    );
    const error = (await build.catch((e) => e)) as UnknownRefError;
    expect([error.model, error.ref]).toEqual(['mrr_monthly', 'stg_acounts']);
  });

  it('rejects an unknown ref before building anything', async () => {
    const models = [accountsModel('stg_accounts'), accountsModel('broken', ['nowhere'])];
    await expect(runBuild({ warehouse, models, vars: {} })).rejects.toThrow(
      'Model "broken" references "nowhere", which is not a model of this project.',
    );
    const built = await warehouse.query(`select * from duckdb_tables() where schema_name = 'staging'`);
    expect(built).toEqual([]);
  });

  it('rejects an unknown explicit dependsOn and an unknown relationships target', async () => {
    const explicit = defineModel({ ...accountsModel('explicit'), dependsOn: ['ghost'] });
    await expect(runBuild({ warehouse, models: [explicit], vars: {} })).rejects.toThrow(
      'Model "explicit" references "ghost"',
    );
    const tested = accountsModel('tested', [], {
      tests: [relationships('account_id', { model: 'ghost', field: 'id' })],
    });
    await expect(runBuild({ warehouse, models: [tested], vars: {} })).rejects.toThrow(
      'Model "tested" references "ghost"',
    );
  });

  it('does not mistake CTEs, aliases, subquery aliases or schema-qualified tables for refs', async () => {
    const model = defineModel({
      name: 'with_ctes',
      layer: 'marts',
      materialized: 'table',
      description: 'Reads through CTEs and aliases.',
      columns: z.object({ account_id: z.string().describe('Id.'), n: z.int().describe('Count.') }),
      // Typed loosely: the point is the SQL shape, not Kysely's inference.
      build: (db: Kysely<any>): any =>
        (db as any)
          .with('base', (qb: any) => qb.selectFrom('stg_accounts as s').select(['s.account_id', 's.segment']))
          .with('counts', (qb: any) =>
            qb
              .selectFrom('base')
              .select(['segment', sql<number>`count(*)::integer`.as('n')])
              .groupBy('segment'),
          )
          .selectFrom('base as b')
          .innerJoin('counts', 'counts.segment', 'b.segment')
          .innerJoin(
            db.selectFrom('raw.accounts as r').select('r.account_id').as('raw_ids'),
            'raw_ids.account_id',
            'b.account_id',
          )
          .select(['b.account_id', 'counts.n']),
    });
    const result = await runBuild({ warehouse, models: [accountsModel('stg_accounts'), model], vars: {} });
    expect(result.nodes.map((node) => [node.name, node.status, node.message])).toEqual([
      ['stg_accounts', 'success', null],
      ['with_ctes', 'success', null],
    ]);
    const rows = await warehouse.query('select * from marts.with_ctes order by account_id');
    expect(rows).toEqual([
      { account_id: 'a1', n: 2 },
      { account_id: 'a2', n: 2 },
      { account_id: 'a3', n: 1 },
    ]);
  });

  it('lets a CTE shadow a model of the same name', async () => {
    const model = defineModel({
      name: 'shadowing',
      layer: 'marts',
      materialized: 'table',
      description: 'A CTE named like a model.',
      columns: z.object({ x: z.int().describe('One.') }),
      build: (db: Kysely<any>) =>
        db
          .with('stg_accounts', (qb) => qb.selectNoFrom(sql<number>`1`.as('x')))
          .selectFrom('stg_accounts')
          .select('x'),
    });
    const result = await runBuild({ warehouse, models: [accountsModel('stg_accounts'), model], vars: {} });
    expect(result.nodes.find((node) => node.name === 'shadowing')?.status).toBe('success');
    expect(await warehouse.query('select x from marts.shadowing')).toEqual([{ x: 1 }]);
  });
});

describe('cycles', () => {
  it('fails the DAG naming the cycle in reference order', async () => {
    const warehouse = await seededWarehouse();
    try {
      const models = [
        accountsModel('a', ['c']),
        accountsModel('b', ['a']),
        accountsModel('c', ['b']),
        accountsModel('d'),
      ];
      const build = runBuild({ warehouse, models, vars: {} });
      await expect(build).rejects.toThrow(DagCycleError);
      await expect(build).rejects.toThrow(
        'The models form a cycle: a → c → b → a. Remove one of these references.',
      );
      expect(((await build.catch((e) => e)) as DagCycleError).cycle).toEqual(['a', 'c', 'b', 'a']);
    } finally {
      await warehouse.close();
    }
  });

  it('fails a table model that reads itself at build time, naming it', async () => {
    const warehouse = await seededWarehouse();
    try {
      const self = accountsModel('loop', ['loop']);
      const result = await runBuild({ warehouse, models: [self], vars: {} });
      // Reading yourself is allowed by the DAG (incremental models do), but a table cannot exist before it is built.
      expect(result.nodes[0]?.status).toBe('error');
      expect(result.nodes[0]?.message).toContain('Model "loop" failed to build');
    } finally {
      await warehouse.close();
    }
  });
});
