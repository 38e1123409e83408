import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import { type AnyModel, type DataTest, defineModel, externalRelation, type Layer } from '../../src/index.js';

const columns = z.object({
  account_id: z.string().describe('Account id.'),
  segment: z.string().describe('Segment.'),
  mrr: z.number().describe('Monthly recurring revenue.'),
});

/** The table `seededWarehouse` creates. */
export const rawAccounts = externalRelation('raw.accounts').withRows<{
  account_id: string;
  segment: string;
  mrr: number;
}>();

/**
 * A table model reading `raw.accounts` (no deps) or the union of the given models, so tests can draw any
 * DAG shape in one line: `accountsModel('b', [a])`. A failing model reads `raw.accounts` whatever its deps.
 */
export function accountsModel(
  name: string,
  deps: readonly AnyModel[] = [],
  options: { layer?: Layer; tests?: readonly DataTest[]; fail?: boolean } = {},
) {
  return defineModel({
    name,
    layer: options.layer ?? 'staging',
    materialized: 'table',
    description: `Test model ${name}.`,
    grain: ['account_id'],
    columns,
    tests: options.tests,
    inputs: deps.length && !options.fail ? deps : [...deps, rawAccounts],
    // Typed loosely: the relation names vary with the deps.
    build: (db: Kysely<any>) => {
      if (options.fail) {
        return sql`select account_id, segment, mrr from raw.accounts where account_id = error('deliberate failure')`;
      }
      const [first, ...rest] = deps.length ? deps.map((dep) => dep.name) : ['raw.accounts'];
      let query = db.selectFrom(first!).select(['account_id', 'segment', 'mrr']).distinct();
      for (const dep of rest) {
        query = query.where('account_id', 'in', db.selectFrom(dep).select('account_id'));
      }
      return query;
    },
  });
}
