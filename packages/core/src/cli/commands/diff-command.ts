import { z } from 'zod';
import type { CliIo } from '../../progress/output.js';
import { terminalSafeJson } from '../../progress/terminal-safe.js';
import type { Command } from '../command.js';
import { COMPANIONS_NOTE, pathsFor, ROOT_NOTE } from '../common-options.js';
import { EXIT_OK } from '../exit-codes.js';
import { parseCommandArgs } from '../parse-command-args.js';

const DIFF_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  data: { type: 'string' },
  warehouse: { type: 'string' },
  config: { type: 'string' },
  marts: { type: 'string' },
  json: { type: 'boolean' },
} as const;

const path = z.string().min(1, 'needs a non-empty path');

const diffArgsSchema = z.object({
  data: path.optional(),
  warehouse: path.optional(),
  config: path.optional(),
  marts: path.optional(),
  json: z.boolean().optional(),
  help: z.boolean().optional(),
});

export const diffCommand: Command = {
  name: 'diff',
  summary:
    'what the last publish changed: historical values that moved, the accounts and the files behind them',
  help: `Usage: pulse diff [options]

Compares what the latest published run (pulse build or pulse refresh) said with what the run published \
before it said, as that run recorded it beside its marts (<marts>/previous/, <marts>/changes/; the \
warehouse is not opened):
- every value of a monthly mart (a mart whose grain has a month and no account) that moved: mart,
  month, segment (and any other key), column, old → new; rows that appeared or disappeared too.
  Numbers within 1e-9 of the larger magnitude (relative) are equal;
- the accounts whose history changed in the project's account history mart (mrr_account_months:
  MRR per account and month), month by month;
- the data files the run read for the first time, read again changed, or found gone.
An up-to-date refresh publishes nothing: the last publish's changes stay. The first run has nothing to \
compare and says so.

Options:
  --marts DIR        Parquet marts folder (env PULSE_MARTS_DIR; default the warehouse's: see below)
  --warehouse FILE   warehouse file, to find its marts (env PULSE_WAREHOUSE; default <root>/data/warehouse.duckdb)
  --data DIR         raw export folder (only used to find the config beside it)
  --config FILE      config file (env PULSE_CONFIG)
  --json             print JSON instead: { marts, message (the first run's), first_run, marts_compared, marts_not_compared, values:
                     [{ mart, month, segment, other_keys, column, change, old, new }],
                     account_history_mart, accounts: [{ account_id, months: [{ month, old, new }] }],
                     files_known, files: [{ path, source, change, feeds_account_history }] }
  -h, --help         show this help

${COMPANIONS_NOTE}
${ROOT_NOTE}
Exit codes: 0 printed (whether or not anything moved), 1 no changes recorded (marts never built, or \
built by a pulse that kept none) or a file of <marts>/changes/ is damaged (not readable Parquet: the \
message names it), 2 usage error.`,

  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const args = parseCommandArgs(argv, DIFF_OPTIONS, diffArgsSchema);
    const paths = pathsFor(args, io);
    const { readPublishedChanges } = await import('../../history/read-changes.js');
    const { FIRST_RUN_MESSAGE, formatChanges } = await import('../../history/format-changes.js');
    const changes = await readPublishedChanges(paths.exportDir);
    if (args.json)
      io.stdout.write(
        `${terminalSafeJson({ marts: paths.exportDir, message: changes.first_run ? FIRST_RUN_MESSAGE : null, ...changes })}\n`,
      );
    else for (const line of formatChanges(changes, paths.exportDir)) io.stdout.write(`${line}\n`);
    return EXIT_OK;
  },
};
