import { existsSync } from 'node:fs';
import { loadConfig } from '../config/load-config.js';
import type { PulsePaths } from '../config/resolve-paths.js';
import { PulseError } from '../errors.js';
import type { ProjectDefinition } from '../project/define-project.js';
import { asOfOf } from '../project/vars-as-of.js';
import { engineOfConfig } from '../runner/engine-of-config.js';
import { assertNoPublishHalfDone } from '../state/publish-half-done.js';
import { readBuildState } from '../state/pulse-tables.js';
import { assertModelsInWarehouse, assertPulseWarehouse } from '../state/pulse-warehouse-guard.js';
import { evaluateTargets } from '../targets/evaluate-targets.js';
import type { TargetResult } from '../targets/target-result.js';
import { targetsOf } from '../targets/target-schema.js';
import { Warehouse } from '../warehouse/warehouse.js';
import { PostgresCheckError } from './refresh-errors.js';

/** `pulse check` needs a published warehouse to judge. */
export class NoWarehouseToCheckError extends PulseError {
  override readonly name = 'NoWarehouseToCheckError';
}

/**
 * `pulse check`: the config's targets judged on the published warehouse (read-only), at the as_of it was
 * built with; the same judgement a build writes into run_results.json, with the config as it is now.
 */
export async function projectTargets(options: {
  project: ProjectDefinition;
  paths: PulsePaths;
}): Promise<{ readonly asOf: string | null; readonly results: readonly TargetResult[] }> {
  const { project, paths } = options;
  const { config } = await loadConfig(project.config, paths.configFile);
  if (engineOfConfig(config) === 'postgres') throw new PostgresCheckError();
  if (!existsSync(paths.warehouse))
    throw new NoWarehouseToCheckError(
      `No warehouse at ${paths.warehouse}: run \`pulse build\` (or \`pulse refresh\`) first, or pass --warehouse.`,
    );
  assertNoPublishHalfDone(paths.warehouse);
  const warehouse = await Warehouse.open(paths.warehouse, { readOnly: true });
  try {
    await assertPulseWarehouse(warehouse, paths.warehouse);
    await assertModelsInWarehouse(
      warehouse,
      paths.warehouse,
      '`pulse check` judges the targets',
      'The targets a PostgreSQL build judged are in its run_results.json ("targets"), and on the report site.',
    );
    const asOf = asOfOf((await readBuildState(warehouse)).vars);
    const results = await evaluateTargets({
      warehouse,
      models: project.models,
      targets: targetsOf(config),
      asOf,
    });
    return { asOf, results };
  } finally {
    await warehouse.close();
  }
}
