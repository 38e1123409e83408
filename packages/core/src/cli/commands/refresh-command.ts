import { z } from 'zod';
import type { PulsePaths } from '../../config/resolve-paths.js';
import { colorsFor } from '../../progress/colors.js';
import type { CliIo } from '../../progress/output.js';
import { createRunReporter } from '../../progress/run-reporter.js';
import { runSummary } from '../../progress/run-summary.js';
import type { ProjectDefinition } from '../../project/define-project.js';
import type { RefreshResult } from '../../refresh/refresh-project.js';
import type { RepublishedMarts } from '../../refresh/republish-marts.js';
import { RunTally } from '../../refresh/run-tally.js';
import type { Command } from '../command.js';
import {
  COMPANIONS_NOTE,
  MARTS_HELP,
  PROJECT_HELP,
  PROJECT_OPTION,
  pathsFor,
  projectEntryFor,
  projectFor,
  ROOT_NOTE,
} from '../common-options.js';
import { EXIT_FAILURE, EXIT_OK } from '../exit-codes.js';
import { parseCommandArgs } from '../parse-command-args.js';
import { stopCleanlyOnSignals } from '../stop-on-signals.js';

export const REFRESH_OPTIONS = {
  ...PROJECT_OPTION,
  data: { type: 'string' },
  warehouse: { type: 'string' },
  config: { type: 'string' },
  marts: { type: 'string' },
  artifacts: { type: 'string' },
  prune: { type: 'boolean' },
  force: { type: 'boolean' },
  strict: { type: 'boolean' },
} as const;

const path = z.string().min(1, 'needs a non-empty path');

export const refreshArgsSchema = z.object({
  project: z.string().min(1, 'needs a module name or path').optional(),
  data: path.optional(),
  warehouse: path.optional(),
  config: path.optional(),
  marts: path.optional(),
  artifacts: path.optional(),
  prune: z.boolean().optional(),
  force: z.boolean().optional(),
  strict: z.boolean().optional(),
  help: z.boolean().optional(),
});

export const REFRESH_HELP = `  --data DIR         raw export folder (env PULSE_DATA_DIR; default <root>/data/raw; a warehouse last
                     built from another folder is refused without it, exit 2)
  --warehouse FILE   warehouse file, replaced whole by each publish, so an existing path that is not a DuckDB
                     database file is refused (env PULSE_WAREHOUSE; default <root>/data/warehouse.duckdb)
  --config FILE      config file (env PULSE_CONFIG; default pulse.config.json beside the data folder, if any)
${MARTS_HELP}
  --prune            accept that files ingested before are gone: their rows are dropped
  --force            rebuild even when no file changed (e.g. after upgrading the models)
  --strict           fail, publishing nothing, when the warehouse would hold quarantined rows (the
                     nightly job's way to stop on bad data; quarantined rows otherwise publish, exit 0)
${PROJECT_HELP}`;

/** Not shared with \`pulse schedule\`: a standing --allow-shrink would switch the guard off for every night. */
const ALLOW_SHRINK_HELP = `  --allow-shrink     publish even when a required source is empty or a source lost more than
                     max_shrink (config, default 0.5) of the rows the published warehouse holds`;

export const REFRESH_EXIT_CODES =
  'Exit codes: 0 published or up to date, 1 failure (nothing published), 2 usage or config error, ' +
  '75 the warehouse is locked by another pulse process (try again later).';

export const refreshCommand: Command = {
  name: 'refresh',
  publishes: true,
  summary: 'unattended rebuild: only when the exports changed, locked, published atomically or not at all',
  help: `Usage: pulse refresh [options]

For nightly, unattended runs. Takes <warehouse>.lock (a concurrent refresh or build exits 75), compares \
the data folder and config with the files the published warehouse ingested (pulse.ingested_files) and, \
when nothing changed, prints "up to date" and rebuilds nothing; published marts that are not as the last \
publish left them (removed, cut short, overwritten) are then exported anew from the warehouse, and said \
so. Otherwise it works on a staged copy of \
the published warehouse: it reads only new and changed files (a changed file replaces its rows; a source \
checked against rows of other files, e.g. for duplicate ids, or against a changed source is read whole), \
rebuilds only the models whose SQL, vars or inputs changed, and publishes the warehouse and a staged \
marts folder only if every rebuilt model and every error-severity test passed: a failing model \
publishes nothing (exit 1). A file of the recorded size and mtime is taken as unchanged without being \
read (as rsync does): one rewritten in place with both kept is not seen. --force reads and rebuilds \
everything. A file ingested before that is \
gone fails the refresh unless --prune is given. An empty required source, or a source whose loaded \
rows fell by more than max_shrink since the published warehouse, fails it unless --allow-shrink. \
A crash (even kill -9) leaves the previous warehouse and marts readable; the next refresh removes what it left or completes its publish. Every run is recorded \
in pulse.runs and in the warehouse's run log (see below and \`pulse status\`). SIGTERM, SIGINT (Ctrl-C) or SIGHUP \
before the publish leaves the previous warehouse and marts as they were, records the run as \
interrupted in the run log and ends the process by that signal (a shell reports 143 or 130); once the \
publish has begun it is finished first (a second signal stops at once; the next refresh completes it).

Options:
${REFRESH_HELP}
${ALLOW_SHRINK_HELP}
  -h, --help         show this help

${COMPANIONS_NOTE}
${ROOT_NOTE}
${REFRESH_EXIT_CODES}`,

  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const args = parseCommandArgs(
      argv,
      { ...REFRESH_OPTIONS, 'allow-shrink': { type: 'boolean' } },
      refreshArgsSchema.extend({ 'allow-shrink': z.boolean().optional() }),
    );
    const paths = pathsFor(args, io);
    // Not in refreshOnce: \`pulse schedule\` lets a refresh in flight finish on a signal.
    const tally = new RunTally();
    const stopOnSignals = stopCleanlyOnSignals('refresh', paths, tally);
    try {
      return await refreshOnce(
        () => projectFor(args.project, io),
        paths,
        {
          ...args,
          allowShrink: args['allow-shrink'],
          tally,
          projectEntry: projectEntryFor(args.project, io),
        },
        io,
      );
    } finally {
      stopOnSignals();
    }
  },
};

function keptNote(build: NonNullable<RefreshResult['build']>): string {
  const reused = build.ingest.sources
    .filter((source) => source.mode === 'reused')
    .map((source) => source.name);
  const appended = build.ingest.sources.filter((source) => source.mode === 'appended').map((s) => s.name);
  const parts = [
    ...(reused.length ? [`sources unchanged: ${reused.join(', ')}`] : []),
    ...(appended.length ? [`only new and changed files of: ${appended.join(', ')}`] : []),
  ];
  return parts.length ? ` (${parts.join('; ')})` : '';
}

/** How many damaged files the summary names. */
const NAMED = 5;

/** What an up-to-date refresh did about marts that were not as published. */
function republishedLines(republished: RepublishedMarts): string[] {
  const { damage } = republished;
  const named = damage
    .slice(0, NAMED)
    .map((file) => `${file.path} ${file.problem}`)
    .join(', ');
  const more = damage.length > NAMED ? ` and ${damage.length - NAMED} more` : '';
  const exported = republished.marts.length
    ? `; exported anew from the warehouse: ${[...republished.marts].sort().join(', ')}`
    : '';
  return [
    `Republished the marts: ${republished.martsDir} was not as the last publish left it (${named}${more})${exported}.`,
    ...(republished.historyDropped
      ? [
          'The record of what the last publish changed was damaged or removed and is dropped: `pulse diff` ' +
            'compares again after the next refresh that rebuilds.',
        ]
      : []),
  ];
}

/** One refresh with its progress and summary printed; the exit code. Shared with `pulse schedule`. */
export async function refreshOnce(
  project: ProjectDefinition | (() => Promise<ProjectDefinition>),
  paths: PulsePaths,
  flags: {
    prune?: boolean;
    force?: boolean;
    strict?: boolean;
    allowShrink?: boolean;
    tally?: RunTally;
    projectEntry?: string;
  },
  io: CliIo,
): Promise<number> {
  const c = colorsFor(io.stdout, io.env);
  const out = (line = '') => io.stdout.write(`${line}\n`);
  const reporter = createRunReporter(io, 'build');
  // Loaded here, not at the top: `pulse --help` should not wait for DuckDB to load.
  const { refreshProject } = await import('../../refresh/refresh-project.js');
  const { RefreshFailedError } = await import('../../refresh/refresh-errors.js');
  let result: RefreshResult;
  try {
    result = await refreshProject({
      project,
      projectEntry: flags.projectEntry,
      paths,
      prune: flags.prune,
      strict: flags.strict,
      force: flags.force,
      allowShrink: flags.allowShrink,
      onEvent: (event) => {
        flags.tally?.observe(event);
        reporter.onEvent(event);
      },
      onProgress: (line) => reporter.log(c.dim(line)),
      onWarning: (line) => reporter.log(`${c.yellow('warning')} ${line}`),
      onIngested: (outcome) => {
        flags.tally?.ingested(outcome);
        if (outcome.summary) reporter.log(outcome.summary);
      },
    });
  } catch (error) {
    reporter.close();
    if (!(error instanceof RefreshFailedError)) throw error;
    for (const line of runSummary(error.run, 'build', c)) out(line);
    io.stderr.write(`pulse refresh: ${error.message}\n`);
    return EXIT_FAILURE;
  }
  reporter.close();
  const { changes, build, record, republished } = result;
  if (!build) {
    out(`Up to date: no file changed since the last refresh (${record.message}); nothing rebuilt.`);
    if (republished) for (const line of republishedLines(republished)) out(line);
    return EXIT_OK;
  }
  for (const line of runSummary(build.run, 'build', c)) out(line);
  out();
  out(
    `Changes:   ${changes.added.length} added, ${changes.changed.length} changed, ${changes.removed.length} removed`,
  );
  out(
    `Read:      ${record.files_ingested} ${record.files_ingested === 1 ? 'file' : 'files'}${keptNote(build)}`,
  );
  out(
    `Models:    ${build.run.nodes.length} rebuilt, ${build.reused.length} kept (nothing they depend on changed)`,
  );
  out(`Warehouse: ${build.warehouse} (published)`);
  out(`Marts:     ${build.exportDir}`);
  out(`Run:       ${record.run_id} in ${record.duration_seconds.toFixed(2)}s`);
  return EXIT_OK;
}
