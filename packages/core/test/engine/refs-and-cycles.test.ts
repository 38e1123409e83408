import { type Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  DagCycleError,
  defineModel,
  relationships,
  runBuild,
  UndeclaredInputError,
  UnknownRefError,
  type Warehouse,
} from '../../src/index.js';
import { accountsModel, rawAccounts } from '../support/models.js';
import { seededWarehouse } from '../support/temp-warehouse.js';

describe('model references', () => {
  let warehouse: Warehouse;
  beforeEach(async () => {
    warehouse = await seededWarehouse();
  });
  afterEach(() => warehouse.close());

  it('rejects an input that is not a model of the project, naming the model, the ref and the likely intended name', async () => {
    const models = [
      accountsModel('stg_accounts'),
      accountsModel('mrr_monthly', [accountsModel('stg_acounts')]),
    ];
    const build = runBuild({ warehouse, models, vars: {} });
    await expect(build).rejects.toThrow(UnknownRefError);
    await expect(build).rejects.toThrow(
      'Model "mrr_monthly" references "stg_acounts", which is not a model of this project ' +
        '(did you mean "stg_accounts"?). Add that model to the project, or fix the name',
    );
    const error = (await build.catch((e) => e)) as UnknownRefError;
    expect([error.model, error.ref]).toEqual(['mrr_monthly', 'stg_acounts']);
  });

  it('rejects an unknown input before building anything', async () => {
    const models = [accountsModel('stg_accounts'), accountsModel('broken', [accountsModel('nowhere')])];
    await expect(runBuild({ warehouse, models, vars: {} })).rejects.toThrow(
      'Model "broken" references "nowhere", which is not a model of this project.',
    );
    const built = await warehouse.query(`select * from duckdb_tables() where schema_name = 'staging'`);
    expect(built).toEqual([]);
  });

  it('rejects an unknown relationships target', async () => {
    const tested = accountsModel('tested', [], {
      tests: [relationships('account_id', { model: 'ghost', field: 'id' })],
    });
    await expect(runBuild({ warehouse, models: [tested], vars: {} })).rejects.toThrow(
      'Model "tested" references "ghost"',
    );
  });

  it('rejects a query that reads a relation its model does not declare, naming both, before building anything', async () => {
    const stgAccounts = accountsModel('stg_accounts');
    // Typed loosely on purpose: the compiler would reject these reads (see typed-refs.test.ts).
    const readsModel = defineModel({
      ...accountsModel('report'),
      inputs: [rawAccounts],
      build: (db: Kysely<any>) => db.selectFrom('stg_accounts').select(['account_id', 'segment', 'mrr']),
    });
    const build = runBuild({ warehouse, models: [stgAccounts, readsModel], vars: {} });
    await expect(build).rejects.toThrow(UndeclaredInputError);
    await expect(build).rejects.toThrow(
      'Model "report" reads "staging.stg_accounts", which is not in its inputs. ' +
        'Add that model to the inputs of the model definition.',
    );
    const error = (await build.catch((e) => e)) as UndeclaredInputError;
    expect([error.model, error.relation]).toEqual(['report', 'staging.stg_accounts']);
    expect(await warehouse.query(`select * from duckdb_tables() where schema_name = 'staging'`)).toEqual([]);

    const readsSource = defineModel({
      ...accountsModel('events_report'),
      inputs: [stgAccounts],
      // A custom test is typed by its model's name and inputs, so a variant with others restates its tests.
      tests: [],
      build: (db: Kysely<any>) =>
        db
          .selectFrom('stg_accounts')
          .select(['account_id', 'segment', 'mrr'])
          .where('account_id', 'in', db.selectFrom('raw.events').select('account_id')),
    });
    await expect(runBuild({ warehouse, models: [stgAccounts, readsSource], vars: {} })).rejects.toThrow(
      'Model "events_report" reads "raw.events", which is not in its inputs. Add it to the inputs',
    );
  });

  it('does not mistake CTEs, aliases, subquery aliases or schema-qualified tables for refs', async () => {
    const stgAccounts = accountsModel('stg_accounts');
    const model = defineModel({
      name: 'with_ctes',
      layer: 'marts',
      materialized: 'table',
      description: 'Reads through CTEs and aliases.',
      columns: z.object({ account_id: z.string().describe('Id.'), n: z.int().describe('Count.') }),
      inputs: [stgAccounts, rawAccounts],
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
    const result = await runBuild({ warehouse, models: [stgAccounts, model], vars: {} });
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
      inputs: [],
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
      // Inputs are values, so a cycle can only come from two definitions sharing a name: `a` reads a
      // stand-in named `c`, and the project's `c` reads `b`, which reads `a`.
      const a = accountsModel('a', [accountsModel('c')]);
      const b = accountsModel('b', [a]);
      const models = [a, b, accountsModel('c', [b]), accountsModel('d')];
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
      // A model may always read itself (incremental models do), without declaring it.
      const self = defineModel({
        ...accountsModel('loop'),
        inputs: [],
        tests: [],
        build: (db: Kysely<any>) => db.selectFrom('loop').select(['account_id', 'segment', 'mrr']),
      });
      const result = await runBuild({ warehouse, models: [self], vars: {} });
      // Reading yourself is allowed by the DAG (incremental models do), but a table cannot exist before it is built.
      expect(result.nodes[0]?.status).toBe('error');
      expect(result.nodes[0]?.message).toContain('Model "loop" failed to build');
    } finally {
      await warehouse.close();
    }
  });
});
