import { type AnyModel, runTests, type Warehouse } from '@pulse/core';
import { DEFAULT_HEALTH_WEIGHTS, type PulseVars } from '../../src/config.js';
import { buildModelsOnTestEngine } from './test-engine.js';

/** PulseVars for a fixture, plus the proposed `presentSources` (see int_optional_sources). */
export type CustomerVars = PulseVars & { readonly presentSources?: readonly string[] };

export const ALL_SOURCES = ['invoices', 'events', 'tickets', 'survey_responses', 'spend'] as const;

export function customerVars(overrides: Partial<CustomerVars> = {}): CustomerVars {
  return {
    reportingCurrency: 'USD',
    asOf: '2024-03-31',
    valueEvents: ['value_moment'],
    grossMargin: 0.8,
    renewalGraceDays: 30,
    healthWeights: { ...DEFAULT_HEALTH_WEIGHTS },
    accountPagesTopN: 200,
    accountPagesMax: 500,
    presentSources: ALL_SOURCES,
    ...overrides,
  };
}

/**
 * Builds the models, then runs all their data tests (grain unique, not-null, and the METRICS.md identities
 * declared on each model), so every fixture build also proves the invariants on real rows.
 */
export async function buildAndCheck(
  warehouse: Warehouse,
  models: readonly AnyModel[],
  vars: CustomerVars,
): Promise<void> {
  // The data tests run where the models ran (on PostgreSQL, in its database).
  const builtIn = await buildModelsOnTestEngine({ warehouse, models, vars });
  const run = await runTests({ warehouse: builtIn, models, vars });
  const failures = run.nodes.flatMap((node) =>
    node.tests
      .filter((test) => test.status !== 'pass')
      .map((test) => `${test.name}: ${test.message} ${JSON.stringify(test.failingRows)}`),
  );
  if (failures.length) throw new Error(`Data tests failed:\n  ${failures.join('\n  ')}`);
}
