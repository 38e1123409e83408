import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineModel, runBuild, type Tables } from '../../src/index.js';
import { seededWarehouse } from '../support/temp-warehouse.js';

// This file is type-checked by `tsc -p packages/core/tsconfig.json`: each `@ts-expect-error` below must
// stay an error, or tsc fails with "Unused '@ts-expect-error' directive".

const stgRevenue = defineModel({
  name: 'stg_revenue',
  layer: 'staging',
  materialized: 'table',
  description: 'Revenue per account.',
  columns: z.object({
    account_id: z.string().describe('Account id.'),
    mrr: z.number().describe('MRR after the rename from `amount`.'),
  }),
  build: (db: Kysely<{ 'raw.accounts': { account_id: string; mrr: number } }>) =>
    db.selectFrom('raw.accounts').select(['account_id', 'mrr']),
});

const revenueTotal = defineModel({
  name: 'revenue_total',
  layer: 'marts',
  materialized: 'table',
  description: 'Total MRR.',
  columns: z.object({ mrr: z.number().describe('Sum of MRR.') }),
  build: (db: Kysely<Tables<typeof stgRevenue>>) =>
    db.selectFrom('stg_revenue').select((eb) => eb.fn.sum<number>('mrr').as('mrr')),
});

describe('typed refs between models', () => {
  it('a downstream model sees the upstream columns with their types', async () => {
    const warehouse = await seededWarehouse();
    try {
      await runBuild({ warehouse, models: [stgRevenue, revenueTotal], vars: {} });
      expect(await warehouse.query('select mrr from marts.revenue_total')).toEqual([{ mrr: 1250 }]);
    } finally {
      await warehouse.close();
    }
  });

  it('a renamed upstream column is a compile error downstream', () => {
    const stale = (db: Kysely<Tables<typeof stgRevenue>>) =>
      // @ts-expect-error `amount` was renamed to `mrr` in stg_revenue.
      db.selectFrom('stg_revenue').select('amount');
    const retyped = (db: Kysely<Tables<typeof stgRevenue>>) =>
      db
        .selectFrom('stg_revenue')
        .select('mrr')
        // @ts-expect-error `mrr` is a number, not a string.
        .where('mrr', '=', 'a lot');
    const unknownModel = (db: Kysely<Tables<typeof stgRevenue>>) =>
      // @ts-expect-error `stg_revenues` is not a model this one declares as input.
      db.selectFrom('stg_revenues');
    expect([stale, retyped, unknownModel]).toHaveLength(3);
  });
});
