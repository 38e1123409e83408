import { type Expression, type RawBuilder, sql } from 'kysely';
import { perEngine } from './engine-forms.js';

// Engine-specific: the `::` cast syntax (DuckDB, PostgreSQL); another engine writes `cast(… as …)` here.
// The operand is parenthesised, so a sum or a difference is cast as a whole.

/** `(value)::double`. */
export function asDouble(value: Expression<unknown>): RawBuilder<number> {
  return perEngine({
    duckdb: () => sql<number>`(${value})::double`,
    postgres: () => sql<number>`(${value})::double precision`,
  });
}

/** `(value)::integer`. */
export function asInteger(value: Expression<unknown>): RawBuilder<number> {
  return sql<number>`(${value})::integer`;
}

/** `(value)::varchar`: the value as text, e.g. a DATE compared with partition values kept as text. */
export function asText(value: Expression<unknown>): RawBuilder<string> {
  return sql<string>`(${value})::varchar`;
}

/** `(value)::date`: a DATE, e.g. from the TIMESTAMP that DATE − INTERVAL gives in DuckDB. */
export function asDate(value: Expression<unknown>): RawBuilder<string> {
  return sql<string>`(${value})::date`;
}

/** `$n::date`: a JS `'YYYY-MM-DD'` value bound as a parameter and read as a DATE (e.g. the as-of date). */
export function dateValue(value: string): RawBuilder<string> {
  return sql<string>`${value}::date`;
}

/** `$n::integer`: a JS number bound as a parameter and read as an INTEGER (e.g. a number of days). */
export function integerValue(value: number): RawBuilder<number> {
  return sql<number>`${value}::integer`;
}
