import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type DatabaseOf, defineModel, externalRelation, runBuild } from '../../src/index.js';
import { seededWarehouse } from '../support/temp-warehouse.js';

// This file is type-checked by `tsc -p packages/core/tsconfig.json`: each `@ts-expect-error` below must
// stay an error, or tsc fails with "Unused '@ts-expect-error' directive".

const rawAccounts = externalRelation('raw.accounts').withRows<{ account_id: string; mrr: number }>();
const rawEvents = externalRelation('raw.events').withRows<{ account_id: string; event_name: string }>();

const stgRevenue = defineModel({
  name: 'stg_revenue',
  layer: 'staging',
  materialized: 'table',
  description: 'Revenue per account.',
  columns: z.object({
    account_id: z.string().describe('Account id.'),
    mrr: z.number().describe('MRR after the rename from `amount`.'),
  }),
  inputs: [rawAccounts],
  build: (db) => db.selectFrom('raw.accounts').select(['account_id', 'mrr']),
});

const revenueTotal = defineModel({
  name: 'revenue_total',
  layer: 'marts',
  materialized: 'table',
  description: 'Total MRR.',
  columns: z.object({ mrr: z.number().describe('Sum of MRR.') }),
  inputs: [stgRevenue],
  build: (db) => db.selectFrom('stg_revenue').select((eb) => eb.fn.sum<number>('mrr').as('mrr')),
});

describe('typed inputs', () => {
  it('a downstream model sees the upstream columns with their types', async () => {
    const warehouse = await seededWarehouse();
    try {
      await runBuild({ warehouse, models: [stgRevenue, revenueTotal], vars: {} });
      expect(await warehouse.query('select mrr from marts.revenue_total')).toEqual([{ mrr: 1250 }]);
    } finally {
      await warehouse.close();
    }
  });

  it('the database type of build is inferred from inputs: only declared relations and their columns', () => {
    const fromUndeclaredModel = defineModel({
      ...revenueTotal,
      name: 'reads_undeclared_model',
      inputs: [rawAccounts],
      // A custom test is typed by its model's name and inputs, so a variant with others restates its tests.
      tests: [],
      // @ts-expect-error `stg_revenue` is a model, but not one of this model's inputs.
      build: (db) => db.selectFrom('stg_revenue').select('mrr'),
    });
    const fromUndeclaredSource = defineModel({
      ...stgRevenue,
      name: 'reads_undeclared_source',
      inputs: [rawAccounts],
      tests: [],
      // @ts-expect-error `raw.events` is not declared in inputs (rawEvents is, elsewhere).
      build: (db) => db.selectFrom('raw.events').select(['account_id', 'event_name']),
    });
    const misspeltColumn = defineModel({
      ...revenueTotal,
      name: 'misspelt_column',
      inputs: [stgRevenue],
      tests: [],
      // @ts-expect-error `amount` was renamed to `mrr` in stg_revenue.
      build: (db) => db.selectFrom('stg_revenue').select('amount'),
    });
    const retyped = (db: import('kysely').Kysely<DatabaseOf<[typeof stgRevenue, typeof rawEvents]>>) =>
      db
        .selectFrom('stg_revenue')
        .select('mrr')
        // @ts-expect-error `mrr` is a number, not a string.
        .where('mrr', '=', 'a lot');
    const misspeltSourceColumn = (db: import('kysely').Kysely<DatabaseOf<[typeof rawEvents]>>) =>
      // @ts-expect-error raw.events has `event_name`, not `event`.
      db.selectFrom('raw.events').select('event');
    expect([
      fromUndeclaredModel,
      fromUndeclaredSource,
      misspeltColumn,
      retyped,
      misspeltSourceColumn,
    ]).toHaveLength(5);
  });
});
