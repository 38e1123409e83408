import { copyFile, link, mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { loadConfig } from '../config/load-config.js';
import type { PulsePaths } from '../config/resolve-paths.js';
import { schemaOf } from '../model/compile-model.js';
import type { ProjectDefinition } from '../project/define-project.js';
import { engineOfConfig } from '../runner/engine-of-config.js';
import { exportParquet } from '../runner/export-parquet.js';
import type { MartsFileDamage, PublishedMartsFile } from '../state/published-marts.js';
import { publishMartsAlone, stageMarts } from '../state/staged-publish.js';
import { Warehouse } from '../warehouse/warehouse.js';
import { checkMartsFolder } from './marts-folder-guard.js';
import { PostgresRefreshError } from './refresh-errors.js';

/** What an up-to-date refresh republished. */
export interface RepublishedMarts {
  readonly martsDir: string;
  /** The files that were not as published. */
  readonly damage: readonly MartsFileDamage[];
  /** The marts exported anew from the warehouse, by model name. */
  readonly marts: readonly string[];
  /** The last publish's record of changes (`changes/`, `previous/`) was damaged: dropped, not carried over. */
  readonly historyDropped: boolean;
}

export interface RepublishOptions {
  readonly project: ProjectDefinition | (() => Promise<ProjectDefinition>);
  readonly paths: PulsePaths;
  /** The marts folder as the last publish recorded it. */
  readonly recorded: readonly PublishedMartsFile[];
  readonly damage: readonly MartsFileDamage[];
}

/**
 * Puts the published marts folder back as the last publish left it, without rebuilding: each damaged or
 * missing mart is exported anew from the published warehouse (opened read-only, never rewritten), the
 * intact files are hard-linked (no copy), and the staged folder replaces the published one. The record of
 * what the last publish changed cannot be made again without its run: when any of it is damaged it is
 * dropped whole, so `pulse diff` never reads half of it.
 */
export async function republishMarts(options: RepublishOptions): Promise<RepublishedMarts> {
  const { paths, recorded, damage } = options;
  // Publishing replaces the whole folder: nothing of the user's may be in it.
  await checkMartsFolder(paths.exportDir);
  const project = typeof options.project === 'function' ? await options.project() : options.project;
  const { config } = await loadConfig(project.config, paths.configFile);
  // The marts of a PostgreSQL build are on the server: the local warehouse cannot export them.
  if (engineOfConfig(config) === 'postgres') throw new PostgresRefreshError();
  const damaged = new Set(damage.map((file) => file.path));
  const historyDropped = damage.some((file) => isHistory(file.path));
  const staged = await stageMarts(paths.exportDir, { fromPublished: false });
  try {
    for (const file of recorded) {
      if (damaged.has(file.path) || (historyDropped && isHistory(file.path))) continue;
      const to = join(staged, file.path);
      await mkdir(dirname(to), { recursive: true });
      // A published file is only ever replaced by a rename: a hard link keeps its bytes.
      await link(join(paths.exportDir, file.path), to).catch(() =>
        copyFile(join(paths.exportDir, file.path), to),
      );
    }
    const marts = await exportAnew(project, paths.warehouse, staged, damage);
    await publishMartsAlone(paths.exportDir);
    return { martsDir: paths.exportDir, damage, marts, historyDropped };
  } catch (error) {
    await rm(staged, { recursive: true, force: true });
    throw error;
  }
}

/** Exports the damaged marts from the warehouse into `dir`; their model names. */
async function exportAnew(
  project: ProjectDefinition,
  warehousePath: string,
  dir: string,
  damage: readonly MartsFileDamage[],
): Promise<string[]> {
  const names = new Set(
    damage
      .filter((file) => !isHistory(file.path) && file.path.endsWith('.parquet'))
      .map((file) => file.path.slice(0, -'.parquet'.length)),
  );
  if (names.size === 0) return [];
  const warehouse = await Warehouse.open(warehousePath, { readOnly: true });
  try {
    const relations = new Set((await warehouse.relations()).map((table) => `${table.schema}.${table.name}`));
    const exported: string[] = [];
    for (const model of project.models) {
      // A mart of a model the project no longer has, or whose relation is gone, cannot be made again.
      if (!names.has(model.name) || !relations.has(`${schemaOf(model)}.${model.name}`)) continue;
      await exportParquet(warehouse, model, dir);
      exported.push(model.name);
    }
    return exported;
  } finally {
    await warehouse.close();
  }
}

/** A file of the marts folder's subfolders (`changes/`, `previous/`: history/changes-folder.ts). */
function isHistory(path: string): boolean {
  return path.includes('/');
}
