import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { PulsePaths } from './resolve-paths.js';
import { UsageError } from './usage-error.js';

/** Where the warehouse's last build read its exports and config, from its run_results.json. */
export interface LastBuildInputs {
  readonly dataDir: string;
  readonly configFile: string | undefined;
}

/**
 * The data folder and config file the warehouse's last build read, when a command was given neither
 * (no --data, --config or their env vars) and they are not the workspace's defaults: after `pulse refresh
 * --data /srv/exports`, a bare `pulse check` judged the targets of `data/pulse.config.json`, and a bare
 * `pulse refresh --prune` would have ingested `data/raw` into that warehouse. Undefined when the command
 * was told, when the build read the defaults, or when no readable run_results.json says.
 */
export function lastBuildInputs(paths: PulsePaths): LastBuildInputs | undefined {
  // A PulsePaths built by hand may leave dataExplicit out: a folder other than the default was chosen.
  const dataChosen = paths.dataExplicit ?? paths.dataDir !== join(paths.root, 'data', 'raw');
  if (dataChosen || paths.configExplicit) return undefined;
  let args: { data_dir?: unknown; config_file?: unknown };
  try {
    args = JSON.parse(readFileSync(join(paths.targetDir, 'run_results.json'), 'utf8')).args ?? {};
  } catch {
    return undefined;
  }
  if (typeof args.data_dir !== 'string') return undefined;
  const dataDir = resolve(paths.root, args.data_dir);
  if (dataDir === paths.dataDir) return undefined;
  const recorded = typeof args.config_file === 'string' ? resolve(paths.root, args.config_file) : undefined;
  const besideData = join(dirname(dataDir), 'pulse.config.json');
  const configFile =
    recorded && existsSync(recorded) ? recorded : existsSync(besideData) ? besideData : undefined;
  return { dataDir, configFile };
}

/** The paths with the last build's inputs in place of the defaults (see lastBuildInputs). */
export function withLastBuildInputs(paths: PulsePaths): { paths: PulsePaths; note?: string } {
  const last = lastBuildInputs(paths);
  if (!last) return { paths };
  return {
    paths: { ...paths, dataDir: last.dataDir, configFile: last.configFile },
    note:
      `Data: ${last.dataDir}${last.configFile ? `, config ${last.configFile}` : ''} (what this warehouse's ` +
      'last build read; pass --data or --config to choose)',
  };
}

/**
 * Why a refresh of this warehouse must not read the default data folder: it was last built from another
 * (refreshing another folder into it would replace its rows, and with --prune drop them). Undefined when
 * it may. `pulse schedule` checks it before it starts; `refreshProject` refuses with it (and logs the
 * refusal as a failed run).
 */
export function refusedForDataFolder(paths: PulsePaths): UsageError | undefined {
  const last = lastBuildInputs(paths);
  if (!last) return undefined;
  return new UsageError(
    `this warehouse (${paths.warehouse}) was last built from ${last.dataDir}, not from the default ` +
      `${paths.dataDir}: pass --data ${last.dataDir} to refresh it (or --data with the folder it should ` +
      'read from now on).',
  );
}
