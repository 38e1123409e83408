import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { custom, defineModel, externalRelation, runBuild } from '../../src/index.js';
import { seededWarehouse } from '../support/temp-warehouse.js';

// This file is type-checked by `tsc -p tsconfig.check.json`: each `@ts-expect-error` below must stay an
// error, or tsc fails with "Unused '@ts-expect-error' directive".

const rawAccounts = externalRelation('raw.accounts').withRows<{ account_id: string; mrr: number }>();

const columns = z.object({
  account_id: z.string().describe('Account id.'),
  mrr: z.number().describe('MRR after the rename from `amount`.'),
});

/** A model whose custom test reads the model itself and its input, typed by the model (no annotation). */
const stgRevenue = defineModel({
  name: 'stg_revenue',
  layer: 'staging',
  materialized: 'table',
  description: 'Revenue per account.',
  columns,
  tests: [
    {
      kind: 'custom',
      name: 'stg_revenue_keeps_every_account',
      query: (db) =>
        db
          .selectFrom('raw.accounts as r')
          .leftJoin('stg_revenue as s', 's.account_id', 'r.account_id')
          .select(['r.account_id', 's.mrr'])
          .where('s.account_id', 'is', null),
    },
  ],
  inputs: [rawAccounts],
  build: (db) => db.selectFrom('raw.accounts').select(['account_id', 'mrr']),
});

/** Base of the variants below: the model's tests are what each one changes. */
const revenue = {
  name: 'revenue',
  layer: 'marts',
  materialized: 'table',
  description: 'Revenue per account, again.',
  columns,
  inputs: [stgRevenue],
  build: (db: Kysely<any>) => db.selectFrom('stg_revenue').select(['account_id', 'mrr']),
} as const;

describe('typed custom data tests', () => {
  it('a custom test written in its model runs, reading the model and its inputs', async () => {
    const warehouse = await seededWarehouse();
    try {
      const result = await runBuild({ warehouse, models: [stgRevenue], vars: {} });
      expect(result.nodes[0]?.tests.find((test) => test.kind === 'custom')).toMatchObject({
        name: 'stg_revenue_keeps_every_account',
        status: 'pass',
      });
    } finally {
      await warehouse.close();
    }
  });

  it('its db is the model and its inputs, its vars the model’s: anything else does not compile', () => {
    const misspeltOwnColumn = defineModel({
      ...revenue,
      tests: [
        {
          kind: 'custom',
          name: 'misspelt_own_column',
          // @ts-expect-error `amount` was renamed to `mrr` in this model.
          query: (db) => db.selectFrom('revenue').select('amount'),
        },
      ],
    });
    const misspeltInputColumn = defineModel({
      ...revenue,
      tests: [
        {
          kind: 'custom',
          name: 'misspelt_input_column',
          // @ts-expect-error `amount` was renamed to `mrr` in stg_revenue.
          query: (db) => db.selectFrom('stg_revenue').select('amount'),
        },
      ],
    });
    const undeclaredRelation = defineModel({
      ...revenue,
      tests: [
        {
          kind: 'custom',
          name: 'undeclared_relation',
          // @ts-expect-error `raw.events` is not one of this model's inputs.
          query: (db) => db.selectFrom('raw.events').select('event_name'),
        },
      ],
    });
    const retyped = defineModel({
      ...revenue,
      tests: [
        {
          kind: 'custom',
          name: 'retyped',
          // @ts-expect-error `mrr` is a number, not a string.
          query: (db) => db.selectFrom('revenue').select('mrr').where('mrr', '=', 'a lot'),
        },
      ],
    });
    // The vars come from build's context: with the test after build, they are typed without annotation.
    const unknownVar = defineModel({
      ...revenue,
      build: (db, { vars }: { vars: { minMrr: number } }) =>
        db.selectFrom('stg_revenue').select(['account_id', 'mrr']).where('mrr', '>=', vars.minMrr),
      tests: [
        {
          kind: 'custom',
          name: 'unknown_var',
          // @ts-expect-error the model's vars have `minMrr`, not `maxMrr`.
          query: (db, vars) => db.selectFrom('revenue').selectAll().where('mrr', '>', vars.maxMrr),
        },
      ],
    });
    // A generic test, written apart from any model, stays untyped: its db is whatever it annotates.
    const generic = defineModel({
      ...revenue,
      tests: [custom('generic', (db: Kysely<any>) => db.selectFrom('anything').select('whatever'))],
    });
    expect([
      misspeltOwnColumn,
      misspeltInputColumn,
      undeclaredRelation,
      retyped,
      unknownVar,
      generic,
    ]).toHaveLength(6);
  });
});
