import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/load-config.js';
import type { PulsePaths } from '../config/resolve-paths.js';
import { UsageError } from '../config/usage-error.js';
import type { ProjectDefinition } from '../project/define-project.js';
import type { LockHolder } from '../state/lock-errors.js';
import { readPublishedState } from '../state/pulse-tables.js';
import { assertPulseWarehouse } from '../state/pulse-warehouse-guard.js';
import { mergeRuns, type RunRecord } from '../state/run-record.js';
import { journalFileOf } from '../state/staged-publish.js';
import { isStale, lockFileOf, readHolder } from '../state/warehouse-lock.js';
import { Warehouse } from '../warehouse/warehouse.js';
import { readRunLog } from './run-log.js';
import { maxAgeHoursOf, type SourceFreshness, sourceFreshness } from './source-freshness.js';

export interface ProjectStatus {
  readonly warehouse: string;
  readonly published: boolean;
  readonly sources: readonly SourceFreshness[];
  /** Oldest first: the published warehouse's `pulse.runs` merged with `pulse-runs.jsonl`. */
  readonly runs: readonly RunRecord[];
  /**
   * The last refresh (the scheduled job's run), which the status judges: a build is logged only when a
   * signal stopped it, so an interrupted manual build is listed in `runs` but not judged.
   */
  readonly lastRefresh: RunRecord | undefined;
  /**
   * A warehouse lock no finished run released: its holder died on this host (killed: SIGKILL, the OOM
   * killer), which no run log records, or a run of another host has held it for a day (every refresh
   * exits 75 meanwhile, which schedulers count as success).
   */
  readonly abandonedLock: AbandonedLock | undefined;
  /**
   * The published run's models that failed, from its run_results.json: a build publishes even when models
   * fail (every model that can be trusted reaches its readers) and exits 1, but builds are not logged, so
   * status said OK over a warehouse missing those marts. Undefined when the published run succeeded.
   */
  readonly publishedFailures: PublishedFailures | undefined;
  /**
   * False when the warehouse is missing, a source is stale, the last refresh failed or was interrupted,
   * a lock was abandoned, or models of the published run failed.
   */
  readonly healthy: boolean;
}

export interface PublishedFailures {
  readonly command: string;
  readonly finishedAt: string;
  /** The models that failed (their descendants were skipped). */
  readonly models: readonly string[];
}

export interface AbandonedLock {
  readonly file: string;
  readonly holder: LockHolder;
  /** `died`: its process on this host is gone; `held`: held from another host for LOCK_HELD_HOURS. */
  readonly reason: 'died' | 'held';
  readonly hours: number;
  /**
   * What the run that died got done, by what it left: `publishing` (its publish journal is still there:
   * it died between the renames, and the marts, warehouse and artifacts may be of two runs until the next
   * run completes the publish), `published` (a successful run started since it took the lock), or
   * `nothing`. Status said "it published nothing" of all three.
   */
  readonly outcome: 'publishing' | 'published' | 'nothing';
}

/** A lock of another host older than this is reported: no refresh takes a day. */
export const LOCK_HELD_HOURS = 24;

/** `pulse status`: freshness of each source and the run history, read-only. */
export async function projectStatus(options: {
  project: ProjectDefinition;
  paths: PulsePaths;
  now?: Date;
}): Promise<ProjectStatus> {
  const { project, paths } = options;
  const now = options.now ?? new Date();
  const { config } = await loadConfig(project.config, paths.configFile);
  const published = existsSync(paths.warehouse);
  const state = await readPublishedState(paths.warehouse);
  const runs = mergeRuns(state.runs, await readRunLog(paths.warehouse));
  if (options.now !== undefined) checkNowAfterLastRun(options.now, runs.at(-1));
  let sources: SourceFreshness[] = [];
  if (published) {
    const warehouse = await Warehouse.open(paths.warehouse, { readOnly: true });
    try {
      await assertPulseWarehouse(warehouse, paths.warehouse);
      sources = await sourceFreshness(warehouse, project.sources, maxAgeHoursOf(config), now);
    } finally {
      await warehouse.close();
    }
  }
  // An interrupted run published nothing, as a failed one: the exports it was to bring in are not there.
  // Judged on the last refresh (the scheduled job): a build is recorded only when a signal stopped it, so
  // an interrupted manual build, which left the published warehouse as it was, would otherwise mark the
  // warehouse unhealthy until the next refresh, however many builds succeeded since. Records without a
  // command are refreshes (older versions logged only those).
  const lastRefresh = runs.findLast((run) => run.command !== 'build');
  const lastUnfinished = ['failed', 'interrupted'].includes(lastRefresh?.status ?? '');
  const abandonedLock = await abandonedLockOf(paths.warehouse, now, runs);
  const publishedFailures = published ? await publishedFailuresOf(paths.targetDir) : undefined;
  const healthy =
    published &&
    !lastUnfinished &&
    abandonedLock === undefined &&
    publishedFailures === undefined &&
    sources.every((source) => !source.stale);
  return {
    warehouse: paths.warehouse,
    published,
    sources,
    runs,
    lastRefresh,
    abandonedLock,
    publishedFailures,
    healthy,
  };
}

/**
 * Whether the published warehouse was written after this time: a publish renames the staged file, which
 * keeps the mtime of the run's last write. A build is in no run history, so this is how a build killed
 * once it had published is told from one that published nothing.
 */
function publishedSince(warehouse: string, time: number): boolean {
  try {
    return statSync(warehouse).mtimeMs >= time;
  } catch {
    return false;
  }
}

/** The failed models of the published run_results.json; undefined when it succeeded or cannot be read. */
async function publishedFailuresOf(targetDir: string): Promise<PublishedFailures | undefined> {
  let results: {
    status?: unknown;
    finished_at?: unknown;
    args?: { command?: unknown };
    results?: { name?: unknown; status?: unknown }[];
  };
  try {
    results = JSON.parse(await readFile(join(targetDir, 'run_results.json'), 'utf8'));
  } catch {
    return undefined;
  }
  if (results.status !== 'error') return undefined;
  return {
    command: typeof results.args?.command === 'string' ? results.args.command : 'build',
    finishedAt: typeof results.finished_at === 'string' ? results.finished_at : '',
    models: (results.results ?? []).flatMap((node) =>
      node.status === 'error' && typeof node.name === 'string' ? [node.name] : [],
    ),
  };
}

async function abandonedLockOf(
  warehouse: string,
  now: Date,
  runs: readonly RunRecord[],
): Promise<AbandonedLock | undefined> {
  const file = lockFileOf(warehouse);
  const holder = await readHolder(file);
  if (holder === undefined) return undefined;
  const took = new Date(holder.started_at).getTime();
  const hours = (now.getTime() - took) / 3_600_000;
  const outcome = existsSync(journalFileOf(warehouse))
    ? 'publishing'
    : runs.some((run) => run.status === 'success' && new Date(run.started_at).getTime() >= took) ||
        publishedSince(warehouse, took)
      ? 'published'
      : 'nothing';
  if (isStale(holder)) return { file, holder, reason: 'died', hours, outcome };
  if (holder.host !== hostname() && hours >= LOCK_HELD_HOURS)
    return { file, holder, reason: 'held', hours, outcome };
  return undefined;
}

/**
 * `--now` before the last recorded run asks about a warehouse that did not exist yet: its records would be
 * younger than the reference time (negative ages) and the runs listed would come after it.
 */
function checkNowAfterLastRun(now: Date, last: RunRecord | undefined): void {
  if (last === undefined || now.getTime() >= new Date(last.started_at).getTime()) return;
  throw new UsageError(
    `--now must not be before the last recorded run, which started at ${last.started_at}; got "${now.toISOString()}"`,
  );
}
