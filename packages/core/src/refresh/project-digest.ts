import { existsSync, readdirSync, statSync } from 'node:fs';
import { loadConfig } from '../config/load-config.js';
import type { PulsePaths } from '../config/resolve-paths.js';
import { UsageError } from '../config/usage-error.js';
import { composeDigest } from '../digest/compose-digest.js';
import type { RunDigest } from '../digest/digest-definition.js';
import type { ProjectDefinition } from '../project/define-project.js';
import { asOfOf } from '../project/vars-as-of.js';
import { engineOfConfig } from '../runner/engine-of-config.js';
import { assertNoPublishHalfDone } from '../state/publish-half-done.js';
import { readBuildState } from '../state/pulse-tables.js';
import { assertModelsInWarehouse, assertPulseWarehouse } from '../state/pulse-warehouse-guard.js';
import { evaluateTargets } from '../targets/evaluate-targets.js';
import { targetsOf } from '../targets/target-schema.js';
import { Warehouse } from '../warehouse/warehouse.js';
import { NoWarehouseToCheckError } from './project-targets.js';

/** `pulse digest` on a project that defines none. */
export class NoDigestError extends UsageError {
  override readonly name = 'NoDigestError';
}

/** `pulse digest` on `engine: "postgres"`: the targets are judged where the marts are, on the server. */
export class PostgresDigestError extends UsageError {
  override readonly name = 'PostgresDigestError';

  constructor() {
    super(
      'engine "postgres" keeps the marts on the server, where the targets of the digest are judged: the ' +
        'digest a PostgreSQL build wrote is in its run_results.json ("digest"), and on the report site.',
    );
  }
}

/**
 * Whether a folder holds a Parquet file: a missing folder, a file, or a folder of no marts gave a digest
 * whose every line was "not available", with exit 0 (an empty nightly email).
 */
function holdsParquet(dir: string): boolean {
  try {
    return statSync(dir).isDirectory() && readdirSync(dir).some((name) => name.endsWith('.parquet'));
  } catch {
    return false;
  }
}

/**
 * `pulse digest`: the project's digest of the published marts (read-only), at the as_of the warehouse was
 * built with, its targets judged as `pulse check` judges them (the config as it is now). The same function
 * writes the digest a build keeps in run_results.json, so both say the same for the same marts and targets.
 */
export async function projectDigest(options: {
  project: ProjectDefinition;
  paths: PulsePaths;
}): Promise<{ readonly asOf: string | null; readonly digest: RunDigest }> {
  const { project, paths } = options;
  if (!project.digest)
    throw new NoDigestError(`The project ${project.name} defines no digest (ProjectDefinition.digest).`);
  const { config } = await loadConfig(project.config, paths.configFile);
  if (engineOfConfig(config) === 'postgres') throw new PostgresDigestError();
  if (!existsSync(paths.warehouse))
    throw new NoWarehouseToCheckError(
      `No warehouse at ${paths.warehouse}: run \`pulse build\` (or \`pulse refresh\`) first, or pass --warehouse.`,
    );
  // Before the marts are looked for: a run killed between its renames may have left none in place.
  assertNoPublishHalfDone(paths.warehouse);
  // The digest reads the published Parquet marts: without them each of its lines would be left out.
  if (!holdsParquet(paths.exportDir))
    throw new NoWarehouseToCheckError(
      `No marts at ${paths.exportDir}: run \`pulse build\` (or \`pulse refresh\`) first, or pass --marts with the folder they were published to.`,
    );
  const warehouse = await Warehouse.open(paths.warehouse, { readOnly: true });
  try {
    await assertPulseWarehouse(warehouse, paths.warehouse);
    await assertModelsInWarehouse(
      warehouse,
      paths.warehouse,
      '`pulse digest` judges the targets of its digest',
      'The digest a PostgreSQL build wrote is in its run_results.json ("digest"), and on the report site.',
    );
    const { vars } = await readBuildState(warehouse);
    const asOf = asOfOf(vars);
    const targets = await evaluateTargets({
      warehouse,
      models: project.models,
      targets: targetsOf(config),
      asOf,
    });
    const digest = await composeDigest({
      digest: project.digest,
      warehouse,
      martsDir: paths.exportDir,
      asOf,
      vars,
      targets,
    });
    return { asOf, digest };
  } finally {
    await warehouse.close();
  }
}
