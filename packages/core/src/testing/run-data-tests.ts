import type { ModelWarehouse } from '../warehouse/model-warehouse.js';
import type { CompiledDataTest } from './compile-data-test.js';
import { runDataTest, secondsSince, type TestResult, withFailingRows } from './run-data-test.js';

/**
 * Runs a model's compiled tests; the results keep the tests' order. The tests that judge each row alone
 * (not_null, accepted_values, expression) over the same relation are counted together, in one scan with a
 * `count(*) filter (where …)` per test: a model's implied not-null tests are one query, not one each. On
 * small tables the statements, not the scans, were the cost: a 150-account build ran 234 such queries.
 * Only a test that fails runs its own query again, for its first rows. When the shared count cannot run
 * (an expression that does not bind), each of those tests runs alone, so only the broken one errors.
 */
export async function runDataTests(
  warehouse: ModelWarehouse,
  tests: readonly CompiledDataTest[],
): Promise<TestResult[]> {
  const results: (TestResult | undefined)[] = tests.map(() => undefined);
  for (const indexes of rowTestsByRelation(tests)) {
    if (indexes.length < 2) continue;
    const started = performance.now();
    const failures = await countTogether(
      warehouse,
      indexes.map((index) => tests[index]!),
    );
    if (!failures) continue;
    const share = secondsSince(started) / indexes.length;
    for (const [at, index] of indexes.entries())
      results[index] = await withFailingRows(warehouse, tests[index]!, failures[at]!, share);
  }
  const out: TestResult[] = [];
  for (const [index, test] of tests.entries())
    out.push(results[index] ?? (await runDataTest(warehouse, test)));
  return out;
}

/** Indexes of the row tests, grouped by the relation they read, in the tests' order. */
function rowTestsByRelation(tests: readonly CompiledDataTest[]): number[][] {
  const groups = new Map<string, number[]>();
  for (const [index, test] of tests.entries()) {
    if (!test.rowCheck) continue;
    const group = groups.get(test.rowCheck.from) ?? [];
    group.push(index);
    groups.set(test.rowCheck.from, group);
  }
  return [...groups.values()];
}

/** Each test's count of failing rows, from one scan; undefined when that query cannot run. */
async function countTogether(
  warehouse: ModelWarehouse,
  tests: readonly CompiledDataTest[],
): Promise<number[] | undefined> {
  const parameters: unknown[] = [];
  const counts = tests.map((test, at) => {
    const condition = test.rowCheck!.failsWhere(parameters.length + 1);
    parameters.push(...test.parameters);
    return `count(*) filter (where ${condition}) as f${at}`;
  });
  try {
    const [row] = await warehouse.query<Record<string, unknown>>(
      `select ${counts.join(', ')} from ${tests[0]!.rowCheck!.from} as checked_rows`,
      parameters,
    );
    return tests.map((_, at) => Number(row?.[`f${at}`] ?? 0));
  } catch {
    return undefined;
  }
}
