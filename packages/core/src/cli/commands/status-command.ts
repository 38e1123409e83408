import { z } from 'zod';
import { withLastBuildInputs } from '../../config/last-build-inputs.js';
import type { CliIo } from '../../progress/output.js';
import type { SourceFreshness } from '../../refresh/source-freshness.js';
import type { RunRecord } from '../../state/run-record.js';
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

const STATUS_OPTIONS = {
  ...PROJECT_OPTION,
  data: { type: 'string' },
  warehouse: { type: 'string' },
  config: { type: 'string' },
  now: { type: 'string' },
  runs: { type: 'string' },
} as const;

const ISO_DATE = z.iso.date();
const ISO_TIME = z.iso.datetime({ offset: true, local: true });

const statusArgsSchema = z.object({
  project: z.string().min(1, 'needs a module name or path').optional(),
  data: z.string().min(1, 'needs a non-empty path').optional(),
  warehouse: z.string().min(1, 'needs a non-empty path').optional(),
  config: z.string().min(1, 'needs a non-empty path').optional(),
  // One refinement, not a union of the two formats: a union's error is only "Invalid input".
  now: z
    .string()
    .refine((value) => ISO_DATE.safeParse(value).success || ISO_TIME.safeParse(value).success, {
      error: (issue) =>
        `must be an ISO date or timestamp, e.g. 2026-11-30 or 2026-11-30T12:00:00Z; got "${String(issue.input)}"`,
    })
    .optional(),
  runs: z
    .string()
    .refine((value) => /^\d+$/.test(value) && Number(value) >= 1, {
      error: (issue) =>
        `must be a whole number of runs, 1 or more, e.g. --runs 10; got "${String(issue.input)}"`,
    })
    .transform(Number)
    .optional(),
  help: z.boolean().optional(),
});

export const statusCommand: Command = {
  name: 'status',
  summary: 'freshness of each source and the last refreshes; exit 1 when stale or the last refresh failed',
  help: `Usage: pulse status [options]

Reads the published warehouse (read-only) and prints, per source, its newest record (the source's first \
date or timestamp column) and age against its limit, then the last runs (pulse.runs merged with the \
warehouse's own run log, which also holds failed, up-to-date and interrupted runs: pulse-runs.jsonl \
beside warehouse.duckdb, <name>-runs.jsonl beside any other <name>.duckdb).

Limits: config key max_age_hours, e.g. { "max_age_hours": { "events": 24, "invoices": 72 } }. Without \
it only events is checked, at 48 hours, once it has records; other sources are shown without a limit. \
A configured limit also judges a source with no records (stale).

Options:
  --data DIR         raw export folder (only used to find the config beside it; default: the folder the
                     warehouse's last build read)
  --warehouse FILE   warehouse file (env PULSE_WAREHOUSE; default <root>/data/warehouse.duckdb)
  --config FILE      config file (env PULSE_CONFIG; default the one the warehouse's last build read, else
                     pulse.config.json beside the data folder, if any)
  --now TIME         reference time for ages, ISO 8601, not before the last recorded run (default: the
                     current time)
  --runs N           how many recent runs to show, 1 or more (default 5)
${PROJECT_HELP}
  -h, --help         show this help

${COMPANIONS_NOTE}
${ROOT_NOTE}
Exit codes: 0 every checked source is fresh and the last refresh did not fail, 1 a source is stale, \
the last refresh failed or was interrupted (SIGTERM or SIGINT before it published), a run died holding \
the warehouse's lock (killed: no log records it), a run of another host has held the lock for a day or \
more, models of the published run failed (a build publishes what it could build; its run_results.json \
says which failed), or there is no warehouse (no file, or a DuckDB file no Pulse build wrote), 2 usage or \
config error. An interrupted build is listed but not judged: the builds that \
succeed are not logged, so it would stand until the next refresh.`,

  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const args = parseCommandArgs(argv, STATUS_OPTIONS, statusArgsSchema);
    const project = await projectFor(args.project, io);
    const { projectStatus } = await import('../../refresh/project-status.js');
    // Without --data or --config: the limits of the config the warehouse's last build read (after
    // `pulse refresh --data /srv/exports`, a bare status judged the default folder's config, or none).
    const { paths, note } = withLastBuildInputs(pathsFor(args, io));
    const status = await projectStatus({
      project,
      paths,
      now: args.now === undefined ? undefined : new Date(args.now),
    });
    const out = (line = '') => io.stdout.write(`${line}\n`);
    if (note) out(note);
    out(`Warehouse: ${status.warehouse}${status.published ? '' : ' (missing: run `pulse refresh`)'}`);
    if (status.sources.length) {
      out();
      out('Sources:');
      const width = Math.max(...status.sources.map((source) => source.source.length));
      for (const source of status.sources) out(`  ${source.source.padEnd(width)}  ${describeSource(source)}`);
    }
    const recent = status.runs.slice(-(args.runs ?? 5)).reverse();
    out();
    out(recent.length ? 'Last runs (newest first):' : 'No runs recorded yet.');
    for (const run of recent) out(`  ${describeRun(run)}`);
    const stale = status.sources.filter((source) => source.stale).map((source) => source.source);
    const last = status.lastRefresh;
    out();
    if (!status.published) out('Status: NO WAREHOUSE');
    else if (last?.status === 'failed')
      out(`Status: LAST RUN FAILED (${last.finished_at}): ${last.message ?? ''}`);
    else if (last?.status === 'interrupted')
      out(`Status: LAST RUN INTERRUPTED (${last.finished_at}): ${describeInterrupted(last)}`);
    const lock = status.abandonedLock;
    if (lock?.reason === 'died')
      out(
        `Status: LAST RUN DIED: pulse ${lock.holder.command} (pid ${lock.holder.pid}, started ${lock.holder.started_at}) ended without finishing (killed?) and ${diedOutcome[lock.outcome]} The next run takes its lock (${lock.file}) over.`,
      );
    else if (lock?.reason === 'held')
      out(
        `Status: LOCKED FOR ${Math.floor(lock.hours)} h by pulse ${lock.holder.command} (pid ${lock.holder.pid} on host ${lock.holder.host}, started ${lock.holder.started_at}): every refresh exits 75 while it holds ${lock.file}. If that run is gone (its host or container stopped), remove that file.`,
      );
    const failures = status.publishedFailures;
    if (failures)
      out(
        `Status: PUBLISHED WITH FAILED MODELS: the last published pulse ${failures.command} (${failures.finishedAt}) failed ${failures.models.join(', ') || 'models'}; their marts and those that read them are missing or stale. Fix them, then build again.`,
      );
    if (stale.length) out(`Status: STALE: ${stale.join(', ')}`);
    if (status.healthy) out('Status: OK');
    return status.healthy ? EXIT_OK : EXIT_FAILURE;
  },
};

/** What a run that died got done, from what it left (project-status.ts). */
const diedOutcome = {
  publishing:
    'stopped in the middle of its publish: the marts, the warehouse and run_results.json may be of two runs until the next run completes the publish. Run `pulse refresh` now.',
  published: 'had published (its run is listed above), but no run log records its end.',
  nothing: 'published nothing; no run log records it.',
} as const;

function describeSource(source: SourceFreshness): string {
  const newest = source.newest ? `newest ${source.newest.toISOString().replace('.000Z', 'Z')}` : 'no records';
  const age = source.ageHours === null ? '' : `, ${source.ageHours.toFixed(1)} h old`;
  const limit = source.maxAgeHours === null ? ', no limit' : `, limit ${source.maxAgeHours} h`;
  const verdict = source.maxAgeHours === null ? '' : source.stale ? ': STALE' : ': ok';
  return `${newest}${age}${limit}${verdict}`;
}

function describeRun(run: RunRecord): string {
  const what =
    run.status === 'up_to_date'
      ? 'nothing changed'
      : run.status === 'interrupted'
        ? describeInterrupted(run)
        : // models_skipped counts a refresh's kept models (nothing they read changed) with the models a
          // failure upstream skipped: "skipped" alone read as failures in a run that had none.
          `${run.files_ingested} files, ${run.models_built} built, ${run.models_skipped} kept or skipped, ` +
          `${run.tests_failed} tests failed, ${run.quarantined_rows} quarantined`;
  const message = run.status === 'failed' && run.message ? ` — ${run.message.split('\n')[0]}` : '';
  return `${run.started_at}  ${run.status.padEnd(11)}  ${run.duration_seconds.toFixed(1)}s  ${what}${message}`;
}

/** e.g. "pulse refresh stopped by SIGTERM before publishing: the warehouse and marts are as they were". */
function describeInterrupted(run: RunRecord): string {
  return `${run.command ? `pulse ${run.command} ` : ''}${run.message ?? 'interrupted'}`;
}
