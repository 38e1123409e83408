import { z } from 'zod';

/** `<mart>.<column>`: lower-case SQL identifiers, so a metric can be read without quoting surprises. */
const METRIC_PATTERN = /^[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*$/;

/**
 * One target of config `targets`: a column of a monthly mart (one row per month and segment), the segment
 * it applies to and the side of the threshold it must stay on. A project embeds this in its config schema
 * (and may check the metric against its own marts); the engine evaluates it after each build.
 */
export const targetSchema = z
  .object({
    metric: z
      .string()
      .regex(
        METRIC_PATTERN,
        'must name a mart column as "<mart>.<column>", e.g. "mrr_monthly.logo_churn_rate"',
      )
      .describe('the mart column, as "<mart>.<column>" (a mart with one row per month and segment)'),
    segment: z
      .string()
      .min(1)
      .default('all')
      .describe('the segment row the target applies to (default "all": every account)'),
    operator: z.enum(['<', '>']).describe('"<": the value must stay below the threshold; ">": above it'),
    threshold: z.number().describe('the bound, in the unit of the column (rates are fractions: 0.05 = 5 %)'),
  })
  .strict();

export type Target = z.infer<typeof targetSchema>;

/** Splits `"<mart>.<column>"`. */
export function metricParts(metric: string): { readonly mart: string; readonly column: string } {
  const dot = metric.indexOf('.');
  return { mart: metric.slice(0, dot), column: metric.slice(dot + 1) };
}

/**
 * `targets` of a project's config, when its schema has that key (the project's schema has already
 * validated and defaulted it; parsed again so the engine never trusts an unknown shape).
 */
export function targetsOf(config: unknown): readonly Target[] {
  const value = (config as { targets?: unknown } | null)?.targets;
  if (value === undefined) return [];
  return z.array(targetSchema).parse(value);
}
