import type { NodeResult } from '../artifacts/run-result.js';
import { withSqlEngine } from '../dialect/sql-engine.js';
import { PulseError } from '../errors.js';
import { checkContract } from '../materialize/contract-check.js';
import { materialize } from '../materialize/materialize.js';
import { type CompiledModel, relationOf, schemaOf } from '../model/compile-model.js';
import type { DataTest } from '../model/data-test.js';
import type { AnyModel } from '../model/model-definition.js';
import { storageErrorOf } from '../storage-error.js';
import { testsOf } from '../testing/automatic-tests.js';
import { type CompiledDataTest, compileDataTest } from '../testing/compile-data-test.js';
import type { TestResult } from '../testing/run-data-test.js';
import { runDataTests } from '../testing/run-data-tests.js';
import { testNameOf } from '../testing/test-names.js';
import type { ModelWarehouse } from '../warehouse/model-warehouse.js';

export interface NodeContext {
  readonly warehouse: ModelWarehouse;
  readonly schemaByRelation: ReadonlyMap<string, string>;
  readonly vars: unknown;
}

/**
 * `build`: materialise, check the contract, count rows, run the tests. `test`: the tests alone, against
 * the relation a previous build left. Any failure becomes the node's status and message, never a throw,
 * so the rest of the run goes on.
 */
export async function runNode(
  compiled: CompiledModel,
  context: NodeContext,
  mode: 'build' | 'test',
  partitions?: readonly string[],
): Promise<NodeResult> {
  const model = compiled.model;
  const startedAt = new Date();
  const started = performance.now();
  const finish = (fields: Pick<NodeResult, 'status' | 'rows' | 'tests' | 'message'>): NodeResult => ({
    ...describeNode(model),
    ...fields,
    startedAt,
    completedAt: new Date(),
    executionTime: Math.round(performance.now() - started) / 1000,
    failedAncestor: null,
    exportPath: null,
  });
  let rows: number | null;
  try {
    let written: number | undefined;
    if (mode === 'build') {
      written = await materialize({ ...context, compiled, partitions });
      await checkContract(context.warehouse, model);
    } else if (!(await relationExists(context.warehouse, model))) {
      return finish({
        status: 'error',
        rows: null,
        tests: [],
        message: `Relation ${schemaOf(model)}.${model.name} does not exist in the warehouse: run \`pulse build\` first.`,
      });
    }
    rows = written ?? (await countRows(context.warehouse, model));
  } catch (error) {
    // Out of space (or permission, read-only): every later model would fail the same way, and DuckDB
    // invalidates the database; stop the run instead of reporting a cascade of model failures.
    const storage = storageErrorOf(error);
    if (storage) throw storage;
    return finish({ status: 'error', rows: null, tests: [], message: failureMessage(model, error) });
  }
  const tests = await runModelTests(model, context, partitions);
  const failed = tests.filter((test) => test.status === 'fail' || test.status === 'error');
  if (!failed.length) return finish({ status: 'success', rows, tests, message: null });
  const list = failed
    .map((test) =>
      test.status === 'error' ? `${test.name} (could not run)` : `${test.name} (${test.failures})`,
    )
    .join(', ');
  return finish({
    status: 'error',
    rows,
    tests,
    message: `${failed.length} of ${tests.length} tests failed: ${list}`,
  });
}

export function describeNode(
  model: AnyModel,
): Pick<NodeResult, 'name' | 'layer' | 'materialized' | 'relation'> {
  return {
    name: model.name,
    layer: model.layer,
    materialized: model.materialized,
    relation: `${schemaOf(model)}.${model.name}`,
  };
}

async function runModelTests(
  model: AnyModel,
  context: NodeContext,
  partitions: readonly string[] | undefined,
): Promise<TestResult[]> {
  const db = context.warehouse.db<any>();
  // A test that does not compile is reported in its place; the others run together (run-data-tests.ts).
  const slots = testsOf(model).map((test): CompiledDataTest | TestResult => {
    try {
      return withSqlEngine(context.warehouse.engine, () =>
        compileDataTest(model, test, { ...context, db, partitions }),
      );
    } catch (error) {
      return uncompilable(model, test, error);
    }
  });
  const compiled = slots.filter((slot): slot is CompiledDataTest => 'sql' in slot);
  const ran = await runDataTests(context.warehouse, compiled);
  return slots.map((slot) => ('sql' in slot ? ran[compiled.indexOf(slot)]! : slot));
}

function uncompilable(model: AnyModel, test: DataTest, error: unknown): TestResult {
  return {
    name: testNameOf(model, test),
    kind: test.kind,
    severity: test.severity ?? 'error',
    status: 'error',
    failures: 0,
    failingRows: [],
    message: (error as Error).message,
    executionTime: 0,
  };
}

/** Views are not counted: counting would run the whole view query again. */
async function countRows(warehouse: ModelWarehouse, model: AnyModel): Promise<number | null> {
  if (model.materialized === 'view') return null;
  const [row] = await warehouse.query<{ rows: number }>(`select count(*) as rows from ${relationOf(model)}`);
  return row?.rows ?? 0;
}

async function relationExists(warehouse: ModelWarehouse, model: AnyModel): Promise<boolean> {
  return (await warehouse.relation(schemaOf(model), model.name)) !== undefined;
}

/** Pulse errors already name the model and say what to do; a DuckDB error needs the model named. */
function failureMessage(model: AnyModel, error: unknown): string {
  if (error instanceof PulseError) return error.message;
  return `Model "${model.name}" failed to build: ${(error as Error).message ?? String(error)}`;
}
