import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { relative } from 'node:path';
import { z } from 'zod';
import type { PulsePaths } from '../../config/resolve-paths.js';
import { SQL_ENGINES } from '../../dialect/sql-engine.js';
import { colorsFor } from '../../progress/colors.js';
import type { CliIo } from '../../progress/output.js';
import { createRunReporter } from '../../progress/run-reporter.js';
import { runSummary } from '../../progress/run-summary.js';
import type { BuildProjectResult } from '../../refresh/build-project.js';
import { RunTally } from '../../refresh/run-tally.js';
import { SourceShrankError, shrunkSources, withShrinkGuard } from '../../refresh/shrink-guard.js';
import { failingTargets, notJudgedTargets } from '../../targets/target-result.js';
import type { Command } from '../command.js';
import {
  COMPANIONS_NOTE,
  EXIT_CODES_NOTE,
  pathsFor,
  projectFor,
  ROOT_NOTE,
  selectionOf,
  WAREHOUSE_HELP,
  WAREHOUSE_OPTIONS,
  warehouseArgsSchema,
} from '../common-options.js';
import { EXIT_FAILURE, EXIT_OK } from '../exit-codes.js';
import { parseCommandArgs } from '../parse-command-args.js';
import { stopCleanlyOnSignals } from '../stop-on-signals.js';
import { SOURCES_COUNTS_NOTE } from './sources-command.js';

const ALLOW_EMPTY_HELP =
  '  --allow-shrink     publish even when a source the project requires (e.g. accounts) loads no row';

const ENGINE_HELP = `  --engine NAME      duckdb (default) or postgres: where the models run (overrides the config's "engine")
  --target URL       the PostgreSQL server for --engine postgres, postgres://user:password@host:port/db
                     (env PULSE_TARGET); ingestion stays local, raw and quarantine are copied in with COPY;
                     the schemas raw, quarantine, staging, intermediate and marts of that database are
                     dropped and made anew: give Pulse a database of its own`;

const EXPLAIN_HELP = `  --explain-mapping  after publishing, print per source where its rows came from (canonical files,
                     mapping or preset), which vendor column feeds each canonical column and rows
                     read, loaded and quarantined per file, as \`pulse sources\` does`;

const BUILD_OPTIONS = {
  ...WAREHOUSE_OPTIONS,
  'allow-shrink': { type: 'boolean' },
  'explain-mapping': { type: 'boolean' },
  engine: { type: 'string' },
  target: { type: 'string' },
} as const;

const buildArgsSchema = warehouseArgsSchema.extend({
  'allow-shrink': z.boolean().optional(),
  'explain-mapping': z.boolean().optional(),
  engine: z.enum(SQL_ENGINES).optional(),
  target: z
    .string()
    // What the PostgreSQL client takes: a URL, a `socket:` URL or a socket folder. The value is not echoed:
    // it may hold a password.
    .refine((value) => /^(postgres(ql)?:\/\/.|socket:.|\/)/.test(value), {
      error:
        'needs a PostgreSQL connection URL, e.g. postgres://user:password@host:5432/database (or socket:/path/to/socket/dir?db=name)',
    })
    .optional(),
});

type BuildArgs = z.infer<typeof buildArgsSchema>;

export const buildCommand: Command = {
  name: 'build',
  publishes: true,
  summary: 'ingest the raw exports, build and test the models, publish the warehouse and Parquet marts',
  help: `Usage: pulse build [options]

Ingests the raw export folder into a new warehouse file, builds and tests every model in dependency \
order, writes the marts as Parquet into a staged folder and run_results.json + manifest.json, then \
publishes the new warehouse and marts folder together over the old ones (a kill -9 leaves either both \
old or both new; the next build or refresh completes or cleans up). A failing model skips only its descendants; the warehouse is still \
published (exit 1). An ingestion file error, or --strict with quarantined rows, publishes nothing and \
leaves the previous warehouse untouched (exit 1), and so does a required source with no loaded row \
(an empty file, or every row quarantined, e.g. as orphans) unless --allow-shrink, when a warehouse is \
published there (a first build has nothing to protect: an empty source is simply empty).

Options:
${WAREHOUSE_HELP.replace('  -h, --help', `  --strict           fail, publishing nothing, when ingestion quarantines any row\n${ALLOW_EMPTY_HELP}\n${ENGINE_HELP}\n${EXPLAIN_HELP}\n  -h, --help`)}

--explain-mapping prints what \`pulse sources\` prints (see \`pulse sources --help\`).
${SOURCES_COUNTS_NOTE}

Outputs: <marts>/*.parquet and <artifacts>/run_results.json and manifest.json (defaults \
<root>/data/marts and <root>/target for the default warehouse). The run log is written by \
\`pulse refresh\`; a build appears in it only when SIGTERM or SIGINT stopped it.
SIGTERM, SIGINT (Ctrl-C) or SIGHUP before the publish leaves the previous warehouse and marts as they were, \
records the build as interrupted in the run log and ends the process by that signal (a shell reports \
143 or 130); once the publish has begun it is finished first (a second signal stops at once, and the \
next build or refresh completes the publish).
${COMPANIONS_NOTE}
${ROOT_NOTE}
${EXIT_CODES_NOTE}`,

  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const args = parseCommandArgs(argv, BUILD_OPTIONS, buildArgsSchema);
    const paths = pathsFor(args, io);
    const tally = new RunTally();
    const stopOnSignals = stopCleanlyOnSignals('build', paths, tally);
    try {
      return await build(args, paths, io, tally);
    } finally {
      stopOnSignals();
    }
  },
};

/** `pulse build` once its flags are read: the build, its summary and its exit code. */
async function build(args: BuildArgs, paths: PulsePaths, io: CliIo, tally: RunTally): Promise<number> {
  const project = await projectFor(args.project, io);
  const c = colorsFor(io.stdout, io.env);
  const out = (line = '') => io.stdout.write(`${line}\n`);
  const reporter = createRunReporter(io, 'build');
  // Loaded here, not at the top: `pulse --help` should not wait for DuckDB to load.
  const { buildProject } = await import('../../refresh/build-project.js');
  let result: BuildProjectResult;
  try {
    result = await buildProject({
      // Only the empty-required-source half of the refresh's guard, and only over a published warehouse:
      // a manual build of a smaller export is often intended, a build with no accounts replacing one
      // never is. A first build has nothing to protect: an empty source is simply empty (the contract).
      project: args['allow-shrink']
        ? project
        : withShrinkGuard(project, (outcome) => {
            const published = existsSync(paths.warehouse) ? {} : undefined;
            const empty = shrunkSources(outcome, project.sources, published, 1);
            if (empty.length) throw new SourceShrankError(empty, 1, 'build');
          }),
      paths,
      select: selectionOf(args),
      strict: args.strict,
      engine: args.engine,
      target: args.target ?? (io.env.PULSE_TARGET || undefined),
      targetFromFlag: args.target !== undefined,
      onEvent: (event) => {
        tally.observe(event);
        reporter.onEvent(event);
      },
      onProgress: (line) => reporter.log(c.dim(line)),
      onWarning: (line) => reporter.log(`${c.yellow('warning')} ${line}`),
      onIngested: (outcome) => {
        tally.ingested(outcome);
        if (outcome.summary) reporter.log(outcome.summary);
      },
    });
  } finally {
    reporter.close();
  }
  for (const line of runSummary(result.run, 'build', c)) out(line);
  const exported = await parquetCount(result.exportDir);
  out();
  out(`Warehouse: ${result.warehouse}`);
  out(`Marts:     ${result.exportDir} (${exported} Parquet ${exported === 1 ? 'file' : 'files'})`);
  out(
    `Artifacts: ${[result.artifacts.runResults, result.artifacts.manifest]
      .filter(Boolean)
      .map((file) => relative(io.cwd, file!))
      .join(', ')}`,
  );
  if (result.targets.length) {
    const failing = failingTargets(result.targets).length;
    const notJudged = notJudgedTargets(result.targets).length;
    out(
      failing
        ? `Targets:   ${failing} of ${result.targets.length} failing${notJudged ? `, ${notJudged} not judged` : ''} (\`pulse check\` lists them; the build still succeeds)`
        : `Targets:   ${result.targets.length - notJudged} judged, none breached${notJudged ? `; ${notJudged} not judged (\`pulse check\` says why)` : ''}`,
    );
  }
  if (args['explain-mapping']) {
    // Read back from the warehouse just published, exactly as `pulse sources` reads it.
    const { explainPublishedSources } = await import('../../explain/explain-sources.js');
    const { formatSourcesExplanation } = await import('../../explain/format-sources-explanation.js');
    const explanation = await explainPublishedSources({ project, paths });
    out();
    out('Sources:');
    for (const line of formatSourcesExplanation(explanation, c)) out(line && `  ${line}`);
  }
  return result.run.success ? EXIT_OK : EXIT_FAILURE;
}

async function parquetCount(dir: string): Promise<number> {
  try {
    return (await readdir(dir)).filter((file) => file.endsWith('.parquet')).length;
  } catch {
    return 0;
  }
}
