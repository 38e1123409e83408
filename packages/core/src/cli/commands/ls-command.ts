import { z } from 'zod';
import type { CliIo } from '../../progress/output.js';
import type { Command } from '../command.js';
import { EXIT_CODES_NOTE, PROJECT_HELP, PROJECT_OPTION, projectFor } from '../common-options.js';
import { EXIT_OK } from '../exit-codes.js';
import { parseCommandArgs } from '../parse-command-args.js';

const schema = z.object({
  project: z.string().min(1, 'needs a module name or path').optional(),
  help: z.boolean().optional(),
});

export const lsCommand: Command = {
  name: 'ls',
  summary: 'list the models in build order with layer, materialisation and dependencies',
  help: `Usage: pulse ls [options]

Lists the project's models in build (dependency) order: layer, materialisation and the models each \
one reads, as their definitions declare them in \`inputs\`. Reads no data and no warehouse.

Options:
${PROJECT_HELP}
  -h, --help         show this help

${EXIT_CODES_NOTE}`,

  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const args = parseCommandArgs(argv, PROJECT_OPTION, schema);
    const project = await projectFor(args.project, io);
    const { listModels } = await import('../project-graph.js');
    const listed = listModels(project);
    const rows = listed.map(({ model, dependsOn }, index) => [
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
