import { z } from 'zod';
import { type PulsePaths, resolvePaths } from '../config/resolve-paths.js';
import type { CliIo } from '../progress/output.js';
import type { ProjectDefinition } from '../project/define-project.js';
import { DEFAULT_PROJECT_MODULE, loadProject, projectEntryOf } from '../project/load-project.js';

/** Flags shared by the commands that read a project (parseArgs form). */
export const PROJECT_OPTION = { project: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;

export const WAREHOUSE_OPTIONS = {
  ...PROJECT_OPTION,
  data: { type: 'string' },
  warehouse: { type: 'string' },
  config: { type: 'string' },
  marts: { type: 'string' },
  artifacts: { type: 'string' },
  select: { type: 'string', multiple: true },
  strict: { type: 'boolean' },
} as const;

const path = z.string().min(1, 'needs a non-empty path');

export const warehouseArgsSchema = z.object({
  project: z.string().min(1, 'needs a module name or path').optional(),
  data: path.optional(),
  warehouse: path.optional(),
  config: path.optional(),
  marts: path.optional(),
  artifacts: path.optional(),
  select: z.array(z.string()).optional(),
  strict: z.boolean().optional(),
  help: z.boolean().optional(),
});

export const PROJECT_HELP =
  '  --project MODULE   project module: its default or `project` export (env PULSE_PROJECT; default @pulse/models)';

export const MARTS_HELP = `  --marts DIR        Parquet marts folder, replaced whole by each publish, so one holding other files is
                     refused (env PULSE_MARTS_DIR; default the warehouse's: see below)
  --artifacts DIR    folder of run_results.json and manifest.json (env PULSE_ARTIFACTS_DIR; default the
                     warehouse's: see below)`;

/** Where each companion of a warehouse goes (config/warehouse-companions.ts), for every command's help. */
export const COMPANIONS_NOTE = `Each warehouse has its own companions, beside it, so building, refreshing or testing one never \
touches another's: for <dir>/<name>.duckdb, <name>-marts/ (Parquet marts), <name>-runs.jsonl (run \
log) and <name>-target/ (run_results.json, manifest.json); for a warehouse named warehouse.duckdb, \
marts/, pulse-runs.jsonl and target/, the default <root>/data/warehouse.duckdb keeping its artifacts \
in <root>/target. A warehouse file named like a schema Pulse writes, up to its first dot (pulse.duckdb, \
raw.duckdb, marts.duckdb…), is refused: DuckDB names the database after it.`;

export const WAREHOUSE_HELP = warehouseHelp({ publishes: true });

/**
 * The path options of a command that builds and publishes (`publishes`), or of one that only reads the
 * published warehouse (pulse test: nothing it is given is replaced).
 */
export function warehouseHelp({ publishes }: { publishes: boolean }): string {
  const warehouse = publishes
    ? `  --warehouse FILE   warehouse file, replaced whole by each publish, so an existing path that is not a DuckDB
                     database file is refused (env PULSE_WAREHOUSE; default <root>/data/warehouse.duckdb)`
    : `  --warehouse FILE   the published warehouse, opened read-only (env PULSE_WAREHOUSE; default
                     <root>/data/warehouse.duckdb)`;
  const marts = publishes
    ? MARTS_HELP
    : `  --marts DIR        not read (accepted as by pulse build; env PULSE_MARTS_DIR)
  --artifacts DIR    folder test_results.json is written to (env PULSE_ARTIFACTS_DIR; default the
                     warehouse's: see below)`;
  return `  --data DIR         raw export folder (env PULSE_DATA_DIR; default <root>/data/raw)
${warehouse}
  --config FILE      config file (env PULSE_CONFIG; default pulse.config.json beside the data folder, if any)
${marts}
  --select SEL       models: name, +name (and its ancestors), name+ (and its descendants);
                     several separated by commas or spaces, or the flag repeated
${PROJECT_HELP}
  -h, --help         show this help`;
}

export const ROOT_NOTE =
  '<root> is the nearest folder at or above the current one whose package.json has "workspaces".';

export const EXIT_CODES_NOTE =
  'Exit codes: 0 ok, 1 build or test failure (or stale data for status), 2 usage or config error, 75 warehouse locked by another run.';

export function projectModuleOf(flag: string | undefined, io: CliIo): string {
  return flag ?? (io.env.PULSE_PROJECT || DEFAULT_PROJECT_MODULE);
}

export async function projectFor(flag: string | undefined, io: CliIo): Promise<ProjectDefinition> {
  return loadProject(projectModuleOf(flag, io), io.cwd);
}

/** The file of the project module of this run (load-project.ts projectEntryOf), without importing it. */
export function projectEntryFor(flag: string | undefined, io: CliIo): string | undefined {
  return projectEntryOf(projectModuleOf(flag, io), io.cwd);
}

export function pathsFor(
  args: Omit<z.infer<typeof warehouseArgsSchema>, 'marts' | 'artifacts'> & {
    marts?: string;
    artifacts?: string;
  },
  io: CliIo,
): PulsePaths {
  const paths = resolvePaths({
    data: args.data,
    warehouse: args.warehouse,
    config: args.config,
    marts: args.marts,
    artifacts: args.artifacts,
    cwd: io.cwd,
    env: io.env,
  });
  pathsByRun.set(io, paths);
  return paths;
}

/** The paths a command of this run resolved (pathsFor), for the advice of an error it throws later. */
const pathsByRun = new WeakMap<CliIo, PulsePaths>();

/** Where each path option of this run pointed, by option, once the command resolved its paths. */
export function pathOptionsOf(io: CliIo): Readonly<Record<string, string>> | undefined {
  const paths = pathsByRun.get(io);
  if (paths === undefined) return undefined;
  return {
    '--data': paths.dataDir,
    '--warehouse': paths.warehouse,
    '--marts': paths.exportDir,
    '--artifacts': paths.targetDir,
  };
}

export function selectionOf(args: z.infer<typeof warehouseArgsSchema>): string | undefined {
  return args.select?.length ? args.select.join(',') : undefined;
}
