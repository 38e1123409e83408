import { z } from 'zod';
import { withLastBuildInputs } from '../../config/last-build-inputs.js';
import type { CliIo } from '../../progress/output.js';
import { terminalSafeJson } from '../../progress/terminal-safe.js';
import type { Command } from '../command.js';
import {
  COMPANIONS_NOTE,
  PROJECT_HELP,
  PROJECT_OPTION,
  pathsFor,
  projectFor,
  ROOT_NOTE,
} from '../common-options.js';
import { EXIT_OK } from '../exit-codes.js';
import { parseCommandArgs } from '../parse-command-args.js';

const DIGEST_OPTIONS = {
  ...PROJECT_OPTION,
  data: { type: 'string' },
  warehouse: { type: 'string' },
  config: { type: 'string' },
  marts: { type: 'string' },
  json: { type: 'boolean' },
} as const;

const path = z.string().min(1, 'needs a non-empty path');

const digestArgsSchema = z.object({
  project: z.string().min(1, 'needs a module name or path').optional(),
  data: path.optional(),
  warehouse: path.optional(),
  config: path.optional(),
  marts: path.optional(),
  json: z.boolean().optional(),
  help: z.boolean().optional(),
});

export const digestCommand: Command = {
  name: 'digest',
  summary: 'a short Markdown summary of the latest complete month, to paste into an email or chat',
  help: `Usage: pulse digest [options]

Prints the project's digest of the latest complete month at the warehouse's as_of (the as-of month when \
as_of is its last day, else the month before) in plain words: a short Markdown text built from the \
published Parquet marts, the same every time for the same marts. For the customer-success project: MRR \
and its change on the month before with the biggest movers, logo churn against its target, NRR, the \
renewals due in the 90 days after as_of by health band, and the accounts that fell from healthy into at \
risk or critical. A part whose mart is missing says so. Read-only.

Every build writes the same text into run_results.json ("digest"), which the report site's overview \
shows; the targets are judged with the config as it is now, as \`pulse check\` judges them.

Options:
  --warehouse FILE   warehouse file (env PULSE_WAREHOUSE; default <root>/data/warehouse.duckdb)
  --marts DIR        Parquet marts folder (env PULSE_MARTS_DIR; default the warehouse's: see below)
  --data DIR         raw export folder (only used to find the config beside it; default: the one the
                     warehouse's last build read, else <root>/data/raw)
  --config FILE      config file (env PULSE_CONFIG; default pulse.config.json beside the data folder, if any)
  --json             print JSON instead: { as_of, month, markdown }
${PROJECT_HELP}
  -h, --help         show this help

${COMPANIONS_NOTE}
${ROOT_NOTE}
Exit codes: 0 printed, 1 there is no warehouse (no file, or a DuckDB file no Pulse build wrote) or marts \
folder, or a mart file is damaged (not readable Parquet: the message names it), 2 usage or config error.`,

  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const args = parseCommandArgs(argv, DIGEST_OPTIONS, digestArgsSchema);
    const project = await projectFor(args.project, io);
    const { projectDigest } = await import('../../refresh/project-digest.js');
    // Without --data or --config: the targets of the config the warehouse's last build read.
    const { asOf, digest } = await projectDigest({
      project,
      paths: withLastBuildInputs(pathsFor(args, io)).paths,
    });
    if (args.json)
      io.stdout.write(
        `${terminalSafeJson({ as_of: asOf, month: digest.month, markdown: digest.markdown })}\n`,
      );
    else io.stdout.write(`${digest.markdown}\n`);
    return EXIT_OK;
  },
};
