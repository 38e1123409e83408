import { type Expression, type ExpressionBuilder, type RawBuilder, sql } from 'kysely';
import { perEngine } from './engine-forms.js';
import { type Operand, operandOf } from './operand.js';

/** `last_day(date)` of an expression. Engine-specific: PostgreSQL has no `last_day`. */
function lastDay(date: Expression<unknown>): RawBuilder<string> {
  return perEngine({
    duckdb: () => sql<string>`last_day(${date})`,
    postgres: () =>
      sql<string>`(date_trunc('month', (${date})::timestamp) + interval '1 month - 1 day')::date`,
  });
}

/**
 * `least(last_day(month), asOf::date)`: the day a month is measured on, its last day, or the as-of date
 * in the current month. `asOf` is bound as a parameter. Engine-specific: `last_day` (as in {@link lastDayOfMonth})
 * and the `::date` cast.
 */
export function snapshotDay<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  month: Operand<DB, TB>,
  asOf: string,
): RawBuilder<string> {
  return sql<string>`least(${lastDay(operandOf(eb, month))}, ${asOf}::date)`;
}

/**
 * `last_day(date)`: the last day of the date's month, as a DATE. Engine-specific: DuckDB's `last_day`
 * (PostgreSQL computes it from `date_trunc` and an interval).
 */
export function lastDayOfMonth<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  date: Operand<DB, TB>,
): RawBuilder<string> {
  return lastDay(operandOf(eb, date));
}

/**
 * `(day + interval 1 day)`: the instant a day ends, to compare timestamps with `<` (before the end of the
 * day). Engine-specific: DuckDB's interval literal (PostgreSQL: `interval '1 day'`); on a DATE the result
 * is a TIMESTAMP at midnight.
 */
export function endOfDay(day: Expression<string>): RawBuilder<Date> {
  return perEngine({
    duckdb: () => sql<Date>`(${day} + interval 1 day)`,
    postgres: () => sql<Date>`(${day} + interval '1 day')`,
  });
}

/**
 * `day(date)`: the day of the month, 1 to 31, a BIGINT. Engine-specific: DuckDB's `day` (PostgreSQL:
 * `extract(day from …)`, NUMERIC there, cast to BIGINT).
 */
export function dayOfMonth(date: Expression<string>): RawBuilder<number> {
  return perEngine({
    duckdb: () => sql<number>`day(${date})`,
    postgres: () => sql<number>`extract(day from ${date})::bigint`,
  });
}
