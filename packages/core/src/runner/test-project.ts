import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { RunEvent, RunResult } from '../artifacts/run-result.js';
import { relativePath, toRunResults } from '../artifacts/run-results.js';
import { writeTestResults } from '../artifacts/write-artifacts.js';
import { loadConfig } from '../config/load-config.js';
import type { PulsePaths } from '../config/resolve-paths.js';
import { UsageError } from '../config/usage-error.js';
import { parseSelection } from '../dag/select-models.js';
import type { ProjectDefinition } from '../project/define-project.js';
import { assertModelsInWarehouse, assertPulseWarehouse } from '../state/pulse-warehouse-guard.js';
import { Warehouse } from '../warehouse/warehouse.js';
import { MissingWarehouseError } from './build-errors.js';
import { compileGraph } from './build-models.js';
import { engineOfConfig } from './engine-of-config.js';
import { runTests } from './run-tests.js';

export interface TestProjectOptions {
  readonly project: ProjectDefinition;
  readonly paths: PulsePaths;
  readonly select?: string;
  readonly onEvent?: (event: RunEvent) => void;
}

export interface TestProjectResult {
  readonly run: RunResult;
  readonly warehouse: string;
  /** The `test_results.json` written. */
  readonly testResults: string;
}

/**
 * `pulse test`: runs the data tests of the selected models against the published warehouse, opened
 * read-only, and writes target/test_results.json (run_results.json's schema, command `test`, no
 * sources); the build's run_results.json and manifest.json are left as the build wrote them.
 */
export async function testProject(options: TestProjectOptions): Promise<TestProjectResult> {
  const { project, paths } = options;
  if (options.select !== undefined)
    parseSelection(
      options.select,
      project.models.map((model) => model.name),
    );
  const { config, file: configFile } = await loadConfig(project.config, paths.configFile);
  if (engineOfConfig(config) === 'postgres') {
    throw new UsageError(
      'engine "postgres": the data tests run on the server during `pulse build --engine postgres`; ' +
        '`pulse test` tests a local DuckDB warehouse only.',
    );
  }
  if (!existsSync(paths.warehouse)) {
    throw new MissingWarehouseError(
      `No warehouse at ${paths.warehouse}: run \`pulse build\` first (or pass --warehouse FILE).`,
    );
  }
  const warehouse = await Warehouse.open(paths.warehouse, { readOnly: true });
  let run: RunResult;
  let vars: unknown;
  let graph: ReturnType<typeof compileGraph>;
  try {
    await assertPulseWarehouse(warehouse, paths.warehouse);
    await assertModelsInWarehouse(
      warehouse,
      paths.warehouse,
      '`pulse test` runs the data tests',
      'A PostgreSQL build ran them on the server as it built each model: see its run_results.json, or build again with `pulse build --engine postgres`.',
    );
    vars = await project.resolveVars(warehouse, config, {});
    graph = compileGraph(warehouse, project.models, vars);
    run = await runTests({
      warehouse,
      models: project.models,
      vars,
      select: options.select,
      onEvent: options.onEvent,
      graph,
    });
  } finally {
    await warehouse.close();
  }
  const identity = { invocationId: randomUUID(), project: project.name, generatedAt: new Date() };
  const runResults = toRunResults({
    identity,
    args: {
      command: 'test',
      select: options.select ?? null,
      strict: false,
      data_dir: null,
      warehouse: relativePath(paths.root, paths.warehouse),
      config_file: configFile ? relativePath(paths.root, configFile) : null,
    },
    run,
    vars,
    sources: [],
    root: paths.root,
  });
  const testResults = await writeTestResults(paths.targetDir, runResults);
  return { run, warehouse: paths.warehouse, testResults };
}
