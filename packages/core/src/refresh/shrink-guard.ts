import { ConfigError } from '../config/config-error.js';
import { PulseError } from '../errors.js';
import type { SourceDefinition } from '../ingest/source-definition.js';
import type { ProjectDefinition } from '../project/define-project.js';
import type { IngestOutcome, SourceIngestSummary } from '../project/ingest-step.js';
import type { ModelWarehouse } from '../warehouse/model-warehouse.js';

/** Default of config `max_shrink`: a source may lose at most half its loaded rows between two refreshes. */
export const DEFAULT_MAX_SHRINK = 0.5;

/** A source the guard refuses: empty though required, or shrunk by more than `max_shrink`. */
export interface ShrunkSource {
  readonly summary: SourceIngestSummary;
  /** Loaded rows in the published warehouse; undefined when there is none (or no such table). */
  readonly published: number | undefined;
  /** Rows left out on purpose (rows-left-out-counts.ts) by this run, and in the published warehouse. */
  readonly leftOut: number;
  readonly publishedLeftOut: number;
  readonly required: boolean;
}

/** Per source, the rows left out on purpose now and in the published warehouse (0 when absent). */
export interface RowsLeftOut {
  readonly now: Readonly<Record<string, number>>;
  readonly published: Readonly<Record<string, number>>;
}

/**
 * Compares loaded rows, not rows read: a zero-byte accounts file turns every row of every other source
 * into an orphan, which is read but quarantined; loaded rows see that, rows read do not. Rows left out on
 * purpose (a `leave_out` rule, a preset's drafts) count with the loaded ones on both sides: a new rule
 * leaving out most of an export, or an export now made mostly of such rows, lost nothing.
 * - A required source with no loaded row fails when a warehouse is published (`published` given; `{}`
 *   when its counts are not read) and the source had rows there: an empty export would replace its
 *   numbers. Without one, or empty there too, there is nothing to protect, and the contract's rule holds:
 *   a file with a header and no rows is simply empty.
 * - Any source whose loaded and left-out rows fell by more than `maxShrink` (a share, 0..1) of the
 *   published ones fails.
 */
export function shrunkSources(
  outcome: IngestOutcome,
  sources: readonly SourceDefinition[],
  published: Readonly<Record<string, number>> | undefined,
  maxShrink: number,
  leftOut: RowsLeftOut = { now: {}, published: {} },
): ShrunkSource[] {
  const required = new Set(sources.filter((source) => source.required).map((source) => source.name));
  const out: ShrunkSource[] = [];
  for (const summary of outcome.sources) {
    const loadedBefore = published?.[summary.name];
    const now = { leftOut: leftOut.now[summary.name] ?? 0 };
    const before = { leftOut: loadedBefore === undefined ? 0 : (leftOut.published[summary.name] ?? 0) };
    const accountedBefore = loadedBefore === undefined ? undefined : loadedBefore + before.leftOut;
    const accountedNow = summary.rowsLoaded + now.leftOut;
    const emptyRequired =
      published !== undefined &&
      (loadedBefore === undefined || loadedBefore > 0) &&
      required.has(summary.name) &&
      summary.rowsLoaded === 0;
    const shrunk =
      accountedBefore !== undefined &&
      accountedBefore > 0 &&
      (accountedBefore - accountedNow) / accountedBefore > maxShrink;
    if (emptyRequired || shrunk)
      out.push({
        summary,
        published: loadedBefore,
        leftOut: now.leftOut,
        publishedLeftOut: before.leftOut,
        required: required.has(summary.name),
      });
  }
  return out;
}

/** The refresh (or build) would publish far fewer rows than before: probably a truncated or half-synced export. */
export class SourceShrankError extends PulseError {
  override readonly name = 'SourceShrankError';
  readonly shrunk: readonly ShrunkSource[];

  constructor(shrunk: readonly ShrunkSource[], maxShrink: number, command: 'refresh' | 'build') {
    const lines = shrunk.map((source) => `  ${describe(source, maxShrink)}`);
    super(
      // The first line names the sources: `pulse status` shows only that line of a failed run.
      `Refusing to publish: ${shrunk.map((source) => source.summary.name).join(', ')} lost too many rows:\n` +
        `${lines.join('\n')}\n` +
        'Nothing was published: the previous warehouse and marts are unchanged. Check the export files ' +
        `(a truncated or half-copied file?); if the data really shrank, run \`pulse ${command} --allow-shrink\`` +
        (command === 'refresh' ? ' or raise max_shrink in pulse.config.json.' : '.'),
    );
    this.shrunk = shrunk;
  }
}

function describe(
  { summary, published, leftOut, publishedLeftOut, required }: ShrunkSource,
  maxShrink: number,
): string {
  const loaded =
    `${summary.name}: ${summary.rowsLoaded} ${summary.rowsLoaded === 1 ? 'row' : 'rows'} loaded` +
    (leftOut > 0 ? ` (${leftOut} left out on purpose)` : '');
  if (required && summary.rowsLoaded === 0) {
    const read =
      summary.rowsRead > 0
        ? ` of ${summary.rowsRead} read (${summary.rowsQuarantined} quarantined: ${reasons(summary)})`
        : '';
    const before = published === undefined ? '' : ` (${published} in the published warehouse)`;
    return `${loaded}${read}${before}: a required source is empty`;
  }
  const before = published! + publishedLeftOut;
  const drop = Math.round((100 * (before - summary.rowsLoaded - leftOut)) / before);
  const parts = publishedLeftOut > 0 ? ` (${published} loaded, ${publishedLeftOut} left out on purpose)` : '';
  return (
    `${loaded}, ${before} in the published warehouse${parts} (-${drop}%, more than max_shrink ${maxShrink})` +
    (summary.rowsQuarantined > 0 ? `; ${summary.rowsQuarantined} quarantined: ${reasons(summary)}` : '')
  );
}

function reasons(summary: SourceIngestSummary): string {
  return Object.entries(summary.quarantineByReason)
    .map(([code, count]) => `${code} ${count}`)
    .join(', ');
}

/** `max_shrink` of a project's config, when its schema has that key (as `max_age_hours` for status). */
export function maxShrinkOf(config: unknown): number {
  const value = (config as { max_shrink?: unknown } | null)?.max_shrink;
  return typeof value === 'number' ? value : DEFAULT_MAX_SHRINK;
}

/**
 * The project with `check` run on the build's ingest outcome once its vars are resolved, before any model.
 * Not right after ingestion: a ConfigError of resolveVars (a reporting_currency typo quarantining every
 * money row) is the cause of the empty sources and is reported instead; any other failure of resolveVars
 * (no date to infer as_of from, when every row was quarantined) comes after the guard's clearer message.
 */
export function withShrinkGuard(
  project: ProjectDefinition,
  check: (outcome: IngestOutcome, warehouse: ModelWarehouse) => void | Promise<void>,
): ProjectDefinition {
  return {
    ...project,
    resolveVars: async (warehouse, config, context) => {
      let vars: unknown;
      try {
        vars = await project.resolveVars(warehouse, config, context);
      } catch (error) {
        if (!(error instanceof ConfigError) && context.ingest) await check(context.ingest, warehouse);
        throw error;
      }
      if (context.ingest) await check(context.ingest, warehouse);
      return vars;
    },
  };
}
