import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { listModels } from '../../src/cli/project-graph.js';
import {
  DagCycleError,
  defineModel,
  defineProject,
  externalRelation,
  UnknownRefError,
} from '../../src/index.js';

const columns = z.object({ x: z.int().describe('A number.') });
const rawNumbers = externalRelation('raw.numbers').withRows<{ x: number }>();
const base = defineModel({
  name: 'base',
  layer: 'staging',
  materialized: 'table',
  description: 'Reads a raw table.',
  columns,
  inputs: [rawNumbers],
  build: (db, { vars }: { vars: { min: number } }) =>
    db.selectFrom('raw.numbers').select('x').where('x', '>=', vars.min),
});
const picky = defineModel({
  name: 'picky',
  layer: 'marts',
  materialized: 'table',
  description: 'Cannot compile without a real as-of date.',
  columns,
  inputs: [base],
  build: (db, { vars }: { vars: { asOf: string } }) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(String(vars.asOf))) throw new Error('as_of must be a date');
    return db.selectFrom('base').select(sql<number>`1`.as('x'));
  },
});
const last = defineModel({
  name: 'last',
  layer: 'marts',
  materialized: 'view',
  description: 'Reads picky.',
  columns,
  inputs: [picky],
  build: (db) => db.selectFrom('picky').select('x'),
});

const projectOf = (models: Parameters<typeof defineProject>[0]['models']) =>
  defineProject({ name: 'inputs', config: z.object({}), sources: [], models, resolveVars: async () => ({}) });

describe('pulse ls lists the DAG from declared inputs', () => {
  it('orders the models and names their dependencies without vars, warehouse or compiling a query', () => {
    const listed = listModels(projectOf([last, picky, base]));
    expect(listed.map(({ model, dependsOn }) => [model.name, dependsOn])).toEqual([
      ['base', []],
      ['picky', ['base']],
      ['last', ['picky']],
    ]);
  });

  it('checks the DAG as a build would: an input missing from the project, a cycle', () => {
    expect(() => listModels(projectOf([last, picky]))).toThrow(UnknownRefError);
    expect(() => listModels(projectOf([last, picky]))).toThrow('Model "picky" references "base"');
    // Inputs are values, so a cycle can only come from two definitions sharing a name.
    const lateBase = defineModel({
      ...base,
      inputs: [last],
      // A custom test is typed by its model's name and inputs, so a variant with others restates its tests.
      tests: [],
      build: (db) => db.selectFrom('last').select('x'),
    });
    expect(() => listModels(projectOf([last, picky, lateBase]))).toThrow(DagCycleError);
  });
});
