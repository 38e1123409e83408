import { colorsFor } from '../../progress/colors.js';
import type { CliIo } from '../../progress/output.js';
import { createRunReporter } from '../../progress/run-reporter.js';
import { runSummary } from '../../progress/run-summary.js';
import type { TestProjectResult } from '../../runner/test-project.js';
import type { Command } from '../command.js';
import {
  COMPANIONS_NOTE,
  EXIT_CODES_NOTE,
  pathsFor,
  projectFor,
  ROOT_NOTE,
  selectionOf,
  WAREHOUSE_OPTIONS,
  warehouseArgsSchema,
  warehouseHelp,
} from '../common-options.js';
import { EXIT_FAILURE, EXIT_OK } from '../exit-codes.js';
import { parseCommandArgs } from '../parse-command-args.js';

export const testCommand: Command = {
  name: 'test',
  summary: 'run the data tests of the models against the published warehouse',
  help: `Usage: pulse test [options]

Runs every data test of the selected models (unique grain, not-null columns and the declared tests) \
against the published warehouse, read-only, and writes test_results.json (run_results.json's shape) \
into the warehouse's artifacts folder (--artifacts; <root>/target for the default warehouse). Nothing is \
rebuilt, and the build's run_results.json and manifest.json, which the report site reads, stay as they are.

Options:
${warehouseHelp({ publishes: false }).replace('  -h, --help', '  --strict           also fail when a warn-severity test fails\n  -h, --help')}

${COMPANIONS_NOTE}
${ROOT_NOTE}
${EXIT_CODES_NOTE}`,

  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const args = parseCommandArgs(argv, WAREHOUSE_OPTIONS, warehouseArgsSchema);
    const paths = pathsFor(args, io);
    const project = await projectFor(args.project, io);
    const c = colorsFor(io.stdout, io.env);
    const reporter = createRunReporter(io, 'test');
    const { testProject } = await import('../../runner/test-project.js');
    let result: TestProjectResult;
    try {
      result = await testProject({ project, paths, select: selectionOf(args), onEvent: reporter.onEvent });
    } finally {
      reporter.close();
    }
    for (const line of runSummary(result.run, 'test', c)) io.stdout.write(`${line}\n`);
    const warned = result.run.nodes.some((node) => node.tests.some((test) => test.status === 'warn'));
    return result.run.success && !(args.strict && warned) ? EXIT_OK : EXIT_FAILURE;
  },
};
