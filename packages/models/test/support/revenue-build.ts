import { type AnyModel, RelationRefPlugin, schemaOf, type Warehouse } from '@pulse/core';
import { DEFAULT_HEALTH_WEIGHTS, type PulseVars } from '../../src/config.js';
import { revenueModels } from '../../src/revenue-models.js';
import { loadRawFixture, type RawFixture } from './raw-fixture.js';
import { buildModelsOnTestEngine } from './test-engine.js';

export const baseVars: PulseVars = {
  reportingCurrency: 'USD',
  asOf: '2024-06-30',
  valueEvents: ['value_moment'],
  grossMargin: 0.8,
  renewalGraceDays: 30,
  healthWeights: DEFAULT_HEALTH_WEIGHTS,
  accountPagesTopN: 200,
  accountPagesMax: 500,
};

/**
 * Loads the fixture, builds every revenue model and runs their `error` data tests (grain uniqueness,
 * expressions, custom queries), so every fixture also checks the METRICS.md identities.
 */
export async function buildRevenue(
  warehouse: Warehouse,
  fixture: RawFixture,
  vars: Partial<PulseVars> & Record<string, unknown> = {},
): Promise<void> {
  const fullVars = { ...baseVars, ...vars };
  await loadRawFixture(warehouse, fixture);
  await buildModelsOnTestEngine({ warehouse, models: revenueModels, vars: fullVars });
  const failures = await failingDataTests(warehouse, revenueModels, fullVars);
  if (failures.length) throw new Error(`Data tests failed:\n  ${failures.join('\n  ')}`);
}

/** A minimal stand-in for the runner's data tests: the names of failing error-severity tests. */
export async function failingDataTests(
  warehouse: Warehouse,
  models: readonly AnyModel[],
  vars: unknown,
): Promise<string[]> {
  const db = warehouse
    .db<any>()
    .withPlugin(new RelationRefPlugin(new Map(models.map((m) => [m.name, schemaOf(m)]))));
  const failures: string[] = [];
  for (const model of models) {
    const relation = `"${schemaOf(model)}"."${model.name}"`;
    const checks: [string, string, readonly unknown[]][] = [];
    if (model.grain?.length) {
      const key = model.grain.map((column: string) => `"${column}"`).join(', ');
      checks.push([
        `${model.name} grain`,
        `select ${key} from ${relation} group by ${key} having count(*) > 1`,
        [],
      ]);
    }
    for (const test of model.tests ?? []) {
      if (test.severity === 'warn') continue;
      if (test.kind === 'expression') {
        checks.push([
          test.name ?? test.expression,
          `select * from ${relation} where not (${test.expression})`,
          [],
        ]);
      } else if (test.kind === 'custom') {
        const compiled = test.query(db, vars).compile(db);
        checks.push([test.name, compiled.sql, compiled.parameters]);
      }
    }
    for (const [name, query, parameters] of checks) {
      const rows = await warehouse.query(query, parameters);
      if (rows.length) failures.push(`${name}: ${rows.length} failing rows, e.g. ${JSON.stringify(rows[0])}`);
    }
  }
  return failures;
}

/** Rows of a query, for `toEqual` against hand-computed expectations. */
export function rowsOf<R = Record<string, unknown>>(warehouse: Warehouse, query: string): Promise<R[]> {
  return warehouse.query<R>(query);
}
