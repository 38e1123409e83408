import { existsSync } from 'node:fs';
import { z } from 'zod';
import { loadConfig } from '../../config/load-config.js';
import type { ModelGraph } from '../../dag/model-graph.js';
import type { CliIo } from '../../progress/output.js';
import type { ProjectDefinition } from '../../project/define-project.js';
import { compileGraph } from '../../runner/build-models.js';
import { Warehouse } from '../../warehouse/warehouse.js';
import type { Command } from '../command.js';
import { EXIT_CODES_NOTE, PROJECT_HELP, pathsFor, projectFor, ROOT_NOTE } from '../common-options.js';
import { EXIT_OK } from '../exit-codes.js';
import { parseCommandArgs } from '../parse-command-args.js';
import { placeholderVars } from '../placeholder-vars.js';

const options = {
  project: { type: 'string' },
  data: { type: 'string' },
  warehouse: { type: 'string' },
  config: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const schema = z.object({
  project: z.string().min(1).optional(),
  data: z.string().min(1).optional(),
  warehouse: z.string().min(1).optional(),
  config: z.string().min(1).optional(),
  help: z.boolean().optional(),
});

export const lsCommand: Command = {
  name: 'ls',
  summary: 'list the models in build order with layer, materialisation and dependencies',
  help: `Usage: pulse ls [options]

Lists the project's models in build (dependency) order: layer, materialisation and the models each
one reads. Dependencies come from compiling the queries with the published warehouse's vars, or with
placeholder vars when there is no warehouse yet.

Options:
  --data DIR, --warehouse FILE, --config FILE   as for pulse build (used to resolve the vars)
${PROJECT_HELP}
  -h, --help         show this help

${ROOT_NOTE}
${EXIT_CODES_NOTE}`,

  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const args = parseCommandArgs(argv, options, schema);
    const paths = pathsFor(args, io);
    const project = await projectFor(args.project, io);
    const graph = await graphOf(project, paths.warehouse, paths.configFile);
    const rows = graph.ordered.map(({ model, dependsOn }, index) => [
      String(index + 1),
      model.name,
      model.layer,
      model.materialized,
      dependsOn.join(', ') || '-',
    ]);
    const table = [['#', 'model', 'layer', 'materialized', 'depends on'], ...rows];
    const widths = table[0]!.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
    for (const row of table) {
      io.stdout.write(
        `${row
          .map((cell, column) => cell.padEnd(widths[column]!))
          .join('  ')
          .trimEnd()}\n`,
      );
    }
    return EXIT_OK;
  },
};

/**
 * Refs are static in well-written models, but a query may use vars: the published warehouse's real vars
 * are used when it can be opened, placeholders otherwise.
 */
async function graphOf(
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
