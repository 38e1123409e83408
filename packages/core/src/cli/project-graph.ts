import { existsSync } from 'node:fs';
import { loadConfig } from '../config/load-config.js';
import type { ModelGraph } from '../dag/model-graph.js';
import type { ProjectDefinition } from '../project/define-project.js';
import { compileGraph } from '../runner/build-models.js';
import { Warehouse } from '../warehouse/warehouse.js';
import { placeholderVars } from './placeholder-vars.js';

/**
 * Refs are static in well-written models, but a query may use vars: the published warehouse's real vars
 * are used when it can be opened, placeholders otherwise.
 */
export async function projectGraph(
  project: ProjectDefinition,
  warehousePath: string,
  configFile: string | undefined,
): Promise<ModelGraph> {
  const memory = await Warehouse.open(':memory:');
  try {
    return compileGraph(memory, project.models, await realVars(project, warehousePath, configFile));
  } finally {
    await memory.close();
  }
}

async function realVars(
  project: ProjectDefinition,
  warehousePath: string,
  configFile: string | undefined,
): Promise<unknown> {
  if (!existsSync(warehousePath)) return placeholderVars();
  const { config } = await loadConfig(project.config, configFile);
  let warehouse: Warehouse | undefined;
  try {
    warehouse = await Warehouse.open(warehousePath, { readOnly: true });
    return await project.resolveVars(warehouse, config);
  } catch {
    return placeholderVars();
  } finally {
    await warehouse?.close();
  }
}
