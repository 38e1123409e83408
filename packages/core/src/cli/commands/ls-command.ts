import { z } from 'zod';
import type { CliIo } from '../../progress/output.js';
import type { Command } from '../command.js';
import { EXIT_CODES_NOTE, PROJECT_HELP, pathsFor, projectFor, ROOT_NOTE } from '../common-options.js';
import { EXIT_OK } from '../exit-codes.js';
import { parseCommandArgs } from '../parse-command-args.js';

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
placeholder vars when there is none yet (shown as ? for a query that cannot compile without them).

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
    const { listModels } = await import('../project-graph.js');
    const listed = await listModels(project, paths.warehouse, paths.configFile);
    const rows = listed.map(({ model, dependsOn }, index) => [
      String(index + 1),
      model.name,
      model.layer,
      model.materialized,
      dependsOn === undefined ? '?' : dependsOn.join(', ') || '-',
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
