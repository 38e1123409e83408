import { z } from 'zod';
import { withLastBuildInputs } from '../../config/last-build-inputs.js';
import type { CliIo } from '../../progress/output.js';
import type { Command } from '../command.js';
import {
  COMPANIONS_NOTE,
  PROJECT_HELP,
  PROJECT_OPTION,
  pathsFor,
  projectFor,
  ROOT_NOTE,
} from '../common-options.js';
import { EXIT_FAILURE, EXIT_OK } from '../exit-codes.js';
import { parseCommandArgs } from '../parse-command-args.js';

const CHECK_OPTIONS = {
  ...PROJECT_OPTION,
  data: { type: 'string' },
  warehouse: { type: 'string' },
  config: { type: 'string' },
} as const;

const checkArgsSchema = z.object({
  project: z.string().min(1, 'needs a module name or path').optional(),
  data: z.string().min(1, 'needs a non-empty path').optional(),
  warehouse: z.string().min(1, 'needs a non-empty path').optional(),
  config: z.string().min(1, 'needs a non-empty path').optional(),
  help: z.boolean().optional(),
});

export const checkCommand: Command = {
  name: 'check',
  summary: 'judge the config targets on the latest complete month; exit 1 on any breach (for alerting)',
  help: `Usage: pulse check [options]

Reads the published warehouse (read-only) and judges each target of config key \`targets\` on the latest \
complete month at the warehouse's as_of (the as-of month when as_of is its last day, else the month \
before). Prints every target with its value, then every breach; a scheduled job alerts on the exit code. \
A build writes the same judgement into run_results.json ("targets"), which the report site shows.

Targets: config key targets, e.g.
  { "targets": [
    { "metric": "mrr_monthly.logo_churn_rate",
      "operator": "<", "threshold": 0.05 },
    { "metric": "mrr_monthly.nrr", "segment": "enterprise",
      "operator": ">", "threshold": 1 } ] }
Without the key the project's defaults apply (see README); an empty list turns targets off.

Options:
  --data DIR         raw export folder (only used to find the config beside it; default: the one the
                     warehouse's last build read, else <root>/data/raw)
  --warehouse FILE   warehouse file (env PULSE_WAREHOUSE; default <root>/data/warehouse.duckdb)
  --config FILE      config file (env PULSE_CONFIG; default pulse.config.json beside the data folder, if any)
${PROJECT_HELP}
  -h, --help         show this help

${COMPANIONS_NOTE}
${ROOT_NOTE}
A target without a value that month is shown as not judged, with why: no row that month, an empty \
value, or a segment in no row of the mart (likely misspelt: the nearest segment is named).

Exit codes: 0 no target is breached (targets without a value that month are shown, not counted), 1 a \
target is breached or cannot be evaluated (unknown mart or column), or there is no warehouse (no file, or \
a DuckDB file no Pulse build wrote), 2 usage or config error.`,

  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const args = parseCommandArgs(argv, CHECK_OPTIONS, checkArgsSchema);
    const project = await projectFor(args.project, io);
    const { projectTargets } = await import('../../refresh/project-targets.js');
    const { failingTargets, notJudgedTargets } = await import('../../targets/target-result.js');
    // Without --data or --config: the config the warehouse's last build read, not the default folder's.
    const { paths, note } = withLastBuildInputs(pathsFor(args, io));
    const { asOf, results } = await projectTargets({ project, paths });
    const out = (line = '') => io.stdout.write(`${line}\n`);
    if (note) out(note);
    if (results.length === 0) {
      out('No targets configured (config key targets is an empty list).');
      return EXIT_OK;
    }
    out(`Targets (as of ${asOf ?? 'unknown'}):`);
    for (const result of results) out(`  ${result.message}`);
    const failing = failingTargets(results);
    out();
    if (failing.length === 0) {
      const notJudged = notJudgedTargets(results).length;
      out(
        `Status: OK (${results.length} ${results.length === 1 ? 'target' : 'targets'}, none breached${notJudged ? `; ${notJudged} not judged` : ''})`,
      );
      return EXIT_OK;
    }
    out(
      `Status: ${failing.length} of ${results.length} ${results.length === 1 ? 'target' : 'targets'} failing:`,
    );
    for (const result of failing) out(`  ${result.message}`);
    return EXIT_FAILURE;
  },
};
