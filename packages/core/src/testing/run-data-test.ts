import type { JsonValue } from '../json-safe.js';
import { toJsonSafe } from '../json-safe.js';
import type { Severity } from '../model/data-test.js';
import type { ModelWarehouse } from '../warehouse/model-warehouse.js';
import type { CompiledDataTest, UniqueBitmapCheck } from './compile-data-test.js';

/** `warn` is a failed test of severity warn; `error` means the test query itself could not run. */
export type TestStatus = 'pass' | 'fail' | 'warn' | 'error';

export interface TestResult {
  readonly name: string;
  readonly kind: string;
  readonly severity: Severity;
  readonly status: TestStatus;
  /** Rows the test query returned (0 when it passed, or could not run). */
  readonly failures: number;
  /** The first failing rows (at most FAILING_ROWS_SHOWN), JSON-safe. */
  readonly failingRows: readonly Record<string, JsonValue>[];
  readonly message: string | null;
  readonly executionTime: number;
}

export const FAILING_ROWS_SHOWN = 5;

/**
 * Runs one compiled test: a count of its failing rows (streamed, so a passing test costs one scan) and,
 * only when some fail, the first rows in the relation's order.
 */
export async function runDataTest(warehouse: ModelWarehouse, test: CompiledDataTest): Promise<TestResult> {
  const started = performance.now();
  let failures: number;
  try {
    if (test.uniqueBitmap && (await provesUnique(warehouse, test.uniqueBitmap))) {
      return resultOf(test, { failures: 0, rows: [], seconds: secondsSince(started) });
    }
    const [counted] = await warehouse.query<{ failures: number }>(
      `select count(*) as failures from (${test.sql}) as failing_rows`,
      test.parameters,
    );
    failures = Number(counted?.failures ?? 0);
  } catch (error) {
    return couldNotRun(test, error, secondsSince(started));
  }
  return withFailingRows(warehouse, test, failures, secondsSince(started));
}

/**
 * The result of a test whose failing rows are counted (by its own query or with others in one scan,
 * run-data-tests.ts): when some fail, its query runs again for the first rows, in the relation's order.
 * `seconds` is the time the count took; the time taken by the rows is added to it.
 */
export async function withFailingRows(
  warehouse: ModelWarehouse,
  test: CompiledDataTest,
  failures: number,
  seconds: number,
): Promise<TestResult> {
  if (failures === 0) return resultOf(test, { failures, rows: [], seconds });
  const started = performance.now();
  try {
    const rows = await warehouse.query(
      `select * from (${test.sql}) as failing_rows limit ${FAILING_ROWS_SHOWN}`,
      test.parameters,
    );
    return resultOf(test, { failures, rows, seconds: seconds + secondsSince(started) });
  } catch (error) {
    return couldNotRun(test, error, seconds + secondsSince(started));
  }
}

function resultOf(
  test: CompiledDataTest,
  run: { failures: number; rows: Record<string, unknown>[]; seconds: number },
): TestResult {
  const { failures } = run;
  return {
    name: test.name,
    kind: test.kind,
    severity: test.severity,
    status: failures === 0 ? 'pass' : test.severity === 'warn' ? 'warn' : 'fail',
    failures,
    failingRows: run.rows.map((row) => toJsonSafe(row) as Record<string, JsonValue>),
    message: failures === 0 ? null : `${failures} failing ${failures === 1 ? 'row' : 'rows'}`,
    executionTime: roundToMs(run.seconds),
  };
}

function couldNotRun(test: CompiledDataTest, error: unknown, seconds: number): TestResult {
  return {
    name: test.name,
    kind: test.kind,
    severity: test.severity,
    status: 'error',
    failures: 0,
    failingRows: [],
    message: `Test "${test.name}" could not run: ${(error as Error).message}`,
    executionTime: roundToMs(seconds),
  };
}

/** Bitmaps of at most this many bits in all (32 MB); L's events need 20 files × 2.5M lines. */
const MAX_BITMAP_BITS = 2 ** 28;

/** True when the bitmap check proves the keys unique; false when it cannot (the test's query decides). */
async function provesUnique(warehouse: ModelWarehouse, check: UniqueBitmapCheck): Promise<boolean> {
  const [bounds] = await warehouse.query<{ lo: number | null; hi: number | null; groups: number }>(
    check.boundsSql,
  );
  if (!bounds || bounds.lo === null || bounds.hi === null) return false;
  if ((bounds.hi - bounds.lo + 1) * bounds.groups > MAX_BITMAP_BITS) return false;
  const [candidates] = await warehouse.query<{ n: number }>(
    `select count(*) as n from (${check.candidatesSql(bounds.lo, bounds.hi)}) as candidates`,
  );
  return candidates?.n === 0;
}

export function secondsSince(startedAt: number): number {
  return (performance.now() - startedAt) / 1000;
}

function roundToMs(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}
