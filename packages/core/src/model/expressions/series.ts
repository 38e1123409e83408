import { type Expression, type RawBuilder, sql } from 'kysely';

/**
 * `unnest(generate_series(start, stop, step))`: one row per value from start to stop (inclusive) by step,
 * in a select list. Engine-specific: DuckDB's list-returning `generate_series` unnested in the select list.
 */
export function unnestSeries(
  start: Expression<number>,
  stop: Expression<number>,
  step: Expression<number>,
): RawBuilder<number> {
  return sql<number>`unnest(generate_series(${start}, ${stop}, ${step}))`;
}

/**
 * `unnest(generate_series(from, to, interval 1 month))::date`: one row per first day of a month from `from`
 * to `to` (both month starts, inclusive), as DATEs. Engine-specific: DuckDB's `generate_series` over
 * timestamps, its interval literal and the `::date` cast.
 */
export function unnestMonths(
  from: Expression<string | null>,
  to: Expression<string | null>,
): RawBuilder<string> {
  return sql<string>`unnest(generate_series(${from}, ${to}, interval 1 month))::date`;
}
