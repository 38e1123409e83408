import { closestMatch } from '../config/did-you-mean.js';
import { schemaOf } from '../model/compile-model.js';
import type { AnyModel } from '../model/model-definition.js';
import type { ModelWarehouse } from '../warehouse/model-warehouse.js';
import { latestCompleteMonth } from './latest-complete-month.js';
import { type TargetResult, type TargetStatus, targetMessage } from './target-result.js';
import { metricParts, type Target } from './target-schema.js';

export interface EvaluateTargetsOptions {
  /** Where the marts were built (the DuckDB warehouse, or the PostgreSQL server of `engine: "postgres"`). */
  readonly warehouse: ModelWarehouse;
  readonly models: readonly AnyModel[];
  readonly targets: readonly Target[];
  /** The last day that counts; null when the project has no as_of (then nothing can be judged). */
  readonly asOf: string | null;
  /** Models that did not build in this run: their targets are errors, not judged on stale rows. */
  readonly failedModels?: ReadonlySet<string>;
}

/**
 * Judges each target on the latest complete month (see latestCompleteMonth) of its mart. Never throws for
 * one target's problem: an unknown mart or column, a failed mart or a missing row becomes that target's
 * status, so one bad target does not hide the others.
 */
export async function evaluateTargets(options: EvaluateTargetsOptions): Promise<TargetResult[]> {
  const month = options.asOf === null ? null : latestCompleteMonth(options.asOf);
  const results: TargetResult[] = [];
  for (const target of options.targets) {
    const outcome = await judge(options, target, month);
    results.push({
      metric: target.metric,
      segment: target.segment,
      operator: target.operator,
      threshold: target.threshold,
      month,
      value: outcome.value,
      status: outcome.status,
      message: targetMessage(target, month, outcome),
    });
  }
  return results;
}

interface Outcome {
  readonly status: TargetStatus;
  readonly value: number | null;
  readonly reason?: string;
}

async function judge(
  options: EvaluateTargetsOptions,
  target: Target,
  month: string | null,
): Promise<Outcome> {
  const { mart, column } = metricParts(target.metric);
  const model = options.models.find((candidate) => candidate.name === mart);
  const fail = (reason: string): Outcome => ({ status: 'error', value: null, reason });
  if (!model) return fail(`the project has no model "${mart}"; name a mart as "<mart>.<column>"`);
  const columns = Object.keys(model.columns.shape);
  if ([...(model.grain ?? [])].sort().join() !== 'month,segment')
    return fail(`"${mart}" is not a monthly mart (one row per month and segment), which a target needs`);
  if (!columns.includes(column))
    return fail(`"${mart}" has no column "${column}"; its columns are ${columns.join(', ')}`);
  if (options.failedModels?.has(mart)) return fail(`"${mart}" failed to build in this run`);
  if (month === null) return { status: 'no_data', value: null, reason: 'the project has no as_of date' };
  const relation = `"${schemaOf(model)}"."${mart}"`;
  let rows: { value: number | null }[];
  try {
    rows = await options.warehouse.query<{ value: number | null }>(
      // `double precision`: the one spelling of a DOUBLE both engines read.
      `select "${column}"::double precision as value from ${relation} where month = $1::date and segment = $2`,
      [month, target.segment],
    );
  } catch (error) {
    return fail(
      `reading ${relation} failed (${(error as Error).message.split('\n')[0]}); run \`pulse build\``,
    );
  }
  const [row] = rows;
  if (!row)
    return { status: 'no_data', value: null, reason: await missingRowReason(options, relation, target) };
  if (row.value === null) return { status: 'no_data', value: null, reason: 'the value is empty that month' };
  const met = target.operator === '<' ? row.value < target.threshold : row.value > target.threshold;
  return { status: met ? 'met' : 'breached', value: row.value };
}

/** How many segment names a reason lists before it stops. */
const LISTED_SEGMENTS = 10;

/**
 * Why the judged month has no row for the target's segment. A segment in no row of the mart at all is
 * most likely misspelt (segments are data, so the config cannot check them): it is named with the
 * nearest segment the mart has, or the segments there are. Otherwise the month simply lacks its row.
 */
async function missingRowReason(
  options: EvaluateTargetsOptions,
  relation: string,
  target: Target,
): Promise<string> {
  const noRow = `no row for segment "${target.segment}"`;
  let segments: string[];
  try {
    segments = (
      await options.warehouse.query<{ segment: string }>(
        `select distinct segment from ${relation} where segment is not null order by segment`,
      )
    ).map((row) => row.segment);
  } catch {
    return noRow;
  }
  // An empty mart has no segments to compare with: the data is missing, not the segment.
  if (segments.length === 0 || segments.includes(target.segment)) return noRow;
  const near = closestMatch(target.segment, segments);
  if (near !== undefined) return `no segment "${target.segment}" in the data; did you mean "${near}"?`;
  const listed = segments.slice(0, LISTED_SEGMENTS).join(', ');
  const more = segments.length > LISTED_SEGMENTS ? ', …' : '';
  return `no segment "${target.segment}" in the data, whose segments are ${listed}${more}`;
}
