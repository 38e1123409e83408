import { type Kysely, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { listModels } from '../../src/cli/project-graph.js';
import { defineModel, defineProject } from '../../src/index.js';

const columns = z.object({ x: z.int().describe('A number.') });
const base = defineModel({
  name: 'base',
  layer: 'staging',
  materialized: 'table',
  description: 'Reads a raw table.',
  columns,
  build: (db: Kysely<any>, { vars }: { vars: { min: number; events: string[] } }) =>
    db
      .selectFrom('raw.numbers')
      .select('x')
      .where('x', '>=', vars.min)
      .where(
        'x',
        'not in',
        vars.events.map((event) => event.length),
      ),
});
const picky = defineModel({
  name: 'picky',
  layer: 'marts',
  materialized: 'table',
  description: 'Cannot compile without a real as-of date.',
  columns,
  build: (db: Kysely<any>, { vars }: { vars: { asOf: string } }) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(String(vars.asOf))) throw new Error('as_of must be a date');
    return db.selectFrom('base').select(sql<number>`1`.as('x'));
  },
  dependsOn: ['base'],
});
const last = defineModel({
  name: 'last',
  layer: 'marts',
  materialized: 'view',
  description: 'Reads picky.',
  columns,
  build: (db: Kysely<any>) => db.selectFrom('picky').select('x'),
});

const project = defineProject({
  name: 'placeholders',
  config: z.object({}),
  sources: [],
  models: [last, picky, base],
  resolveVars: async () => ({}),
});

describe('pulse ls before any build (placeholder vars)', () => {
  it('compiles queries that use vars as values, and marks the ones that cannot compile as unknown', async () => {
    const listed = await listModels(project, '/nonexistent/warehouse.duckdb', undefined);
    expect(listed.map(({ model, dependsOn }) => [model.name, dependsOn])).toEqual([
      ['base', []],
      ['picky', undefined],
      ['last', ['picky']],
    ]);
  });
});
