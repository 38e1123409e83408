import { type Expression, type RawBuilder, sql } from 'kysely';
import { perEngine } from './engine-forms.js';

/**
 * `unnest(generate_series(start, stop, step))`: one row per value from start to stop (inclusive) by step,
 * in a select list. Engine-specific: DuckDB's list-returning `generate_series` unnested in the select list
 * (PostgreSQL's `generate_series` is itself set-returning; cast to BIGINT, the type DuckDB's has).
 */
export function unnestSeries(
  start: Expression<number>,
  stop: Expression<number>,
  step: Expression<number>,
): RawBuilder<number> {
  return perEngine({
    duckdb: () => sql<number>`unnest(generate_series(${start}, ${stop}, ${step}))`,
    postgres: () => sql<number>`generate_series(${start}, ${stop}, ${step})::bigint`,
  });
}

/**
 * `unnest(generate_series(from, to, interval 1 month))::date`: one row per first day of a month from `from`
 * to `to` (both month starts, inclusive), as DATEs. Engine-specific: DuckDB's `generate_series` over
 * timestamps, its interval literal and the `::date` cast (PostgreSQL: the set-returning form over
 * TIMESTAMPs and `interval '1 month'`).
 */
export function unnestMonths(
  from: Expression<string | null>,
  to: Expression<string | null>,
): RawBuilder<string> {
  return perEngine({
    duckdb: () => sql<string>`unnest(generate_series(${from}, ${to}, interval 1 month))::date`,
    postgres: () =>
      sql<string>`generate_series((${from})::timestamp, (${to})::timestamp, interval '1 month')::date`,
  });
}
