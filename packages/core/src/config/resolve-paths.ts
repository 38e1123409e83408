import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { companionsOf, defaultWarehouseOf } from './warehouse-companions.js';
import { checkWarehouseName } from './warehouse-name.js';
import { findWorkspaceRoot } from './workspace-root.js';

/** Where a command reads and writes, each given by flag, else env var, else the default. */
export interface PulsePaths {
  /** The workspace root: defaults are relative to it. */
  readonly root: string;
  /** Raw export folder (`--data`, `PULSE_DATA_DIR`, default `<root>/data/raw`). */
  readonly dataDir: string;
  /** Published warehouse (`--warehouse`, `PULSE_WAREHOUSE`, default `<root>/data/warehouse.duckdb`). */
  readonly warehouse: string;
  /** Config file (`--config`, `PULSE_CONFIG`, else `pulse.config.json` beside the data folder if present). */
  readonly configFile: string | undefined;
  /** True when the config file was asked for explicitly, so a missing one is an error. */
  readonly configExplicit: boolean;
  /** True when the data folder was asked for (`--data`, `PULSE_DATA_DIR`), not the default. */
  readonly dataExplicit?: boolean;
  /**
   * run_results.json and manifest.json (`--artifacts`, `PULSE_ARTIFACTS_DIR`, default the warehouse's:
   * `<root>/target` for the default warehouse, see companionsOf).
   */
  readonly targetDir: string;
  /**
   * Parquet copies of the exported layers (`--marts`, `PULSE_MARTS_DIR`, default the warehouse's: see
   * companionsOf).
   */
  readonly exportDir: string;
}

export interface PathInputs {
  readonly data?: string;
  readonly warehouse?: string;
  readonly config?: string;
  readonly marts?: string;
  readonly artifacts?: string;
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
}

/** Flags > env vars > defaults. Flags and env vars are relative to cwd; defaults to the workspace root. */
export function resolvePaths(inputs: PathInputs = {}): PulsePaths {
  const cwd = resolve(inputs.cwd ?? process.cwd());
  const env = inputs.env ?? process.env;
  const root = findWorkspaceRoot(cwd);
  const given = (flag: string | undefined, variable: string) => {
    const value = flag ?? (env[variable] || undefined);
    return value === undefined ? undefined : resolve(cwd, value);
  };
  const explicitData = given(inputs.data, 'PULSE_DATA_DIR');
  const dataDir = explicitData ?? join(root, 'data', 'raw');
  const explicitConfig = given(inputs.config, 'PULSE_CONFIG');
  const besideData = join(dirname(dataDir), 'pulse.config.json');
  const warehouse = given(inputs.warehouse, 'PULSE_WAREHOUSE') ?? defaultWarehouseOf(root);
  // Refused before any command reads or writes (its staged copy, `<name>.building-<pid>`, has the same name).
  checkWarehouseName(warehouse);
  // The run log has no override: it is the warehouse's history, read back by status and refresh.
  const companions = companionsOf(warehouse, root);
  return {
    root,
    dataDir,
    warehouse,
    configFile: explicitConfig ?? (existsSync(besideData) ? besideData : undefined),
    configExplicit: explicitConfig !== undefined,
    dataExplicit: explicitData !== undefined,
    targetDir: given(inputs.artifacts, 'PULSE_ARTIFACTS_DIR') ?? companions.artifacts,
    exportDir: given(inputs.marts, 'PULSE_MARTS_DIR') ?? companions.marts,
  };
}
