import { existsSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
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
  /** run_results.json and manifest.json (`<root>/target`). */
  readonly targetDir: string;
  /**
   * Parquet copies of the exported layers (`--marts`, `PULSE_MARTS_DIR`, default beside the warehouse:
   * see defaultMartsOf).
   */
  readonly exportDir: string;
}

export interface PathInputs {
  readonly data?: string;
  readonly warehouse?: string;
  readonly config?: string;
  readonly marts?: string;
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
  const dataDir = given(inputs.data, 'PULSE_DATA_DIR') ?? join(root, 'data', 'raw');
  const explicitConfig = given(inputs.config, 'PULSE_CONFIG');
  const besideData = join(dirname(dataDir), 'pulse.config.json');
  const warehouse = given(inputs.warehouse, 'PULSE_WAREHOUSE') ?? join(root, 'data', 'warehouse.duckdb');
  return {
    root,
    dataDir,
    warehouse,
    configFile: explicitConfig ?? (existsSync(besideData) ? besideData : undefined),
    configExplicit: explicitConfig !== undefined,
    targetDir: join(root, 'target'),
    exportDir: given(inputs.marts, 'PULSE_MARTS_DIR') ?? defaultMartsOf(warehouse),
  };
}

/**
 * The marts belong to their warehouse, not to the project root: a build of another warehouse must never
 * replace the sample's marts. `marts` beside a warehouse named `warehouse.duckdb` (so the default stays
 * `data/marts`, which turbo and the site read), else `<name>-marts` beside it, so two warehouses of one
 * folder (`a.duckdb`, `b.duckdb`) never share a marts folder.
 */
export function defaultMartsOf(warehouse: string): string {
  const name = basename(warehouse);
  if (name === 'warehouse.duckdb') return join(dirname(warehouse), 'marts');
  const stem = extname(name) ? name.slice(0, -extname(name).length) : name;
  return join(dirname(warehouse), `${stem}-marts`);
}
