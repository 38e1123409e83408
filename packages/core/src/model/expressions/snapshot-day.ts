import { type Expression, type ExpressionBuilder, type RawBuilder, sql } from 'kysely';
import { type Operand, operandOf } from './operand.js';

/**
 * `least(last_day(month), asOf::date)`: the day a month is measured on, its last day, or the as-of date
 * in the current month. `asOf` is bound as a parameter. Engine-specific: `last_day` and the `::date` cast.
 */
export function snapshotDay<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  month: Operand<DB, TB>,
  asOf: string,
): RawBuilder<string> {
  return sql<string>`least(last_day(${operandOf(eb, month)}), ${asOf}::date)`;
}

/**
 * `last_day(date)`: the last day of the date's month, as a DATE. Engine-specific: DuckDB's `last_day`
 * (PostgreSQL computes it from `date_trunc` and an interval).
 */
export function lastDayOfMonth<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  date: Operand<DB, TB>,
): RawBuilder<string> {
  return sql<string>`last_day(${operandOf(eb, date)})`;
}

/**
 * `(day + interval 1 day)`: the instant a day ends, to compare timestamps with `<` (before the end of the
 * day). Engine-specific: DuckDB's interval literal; on a DATE the result is a TIMESTAMP at midnight.
 */
export function endOfDay(day: Expression<string>): RawBuilder<Date> {
  return sql<Date>`(${day} + interval 1 day)`;
}

/** `day(date)`: the day of the month, 1 to 31. Engine-specific: DuckDB's `day` (PostgreSQL: `extract(day from …)`). */
export function dayOfMonth(date: Expression<string>): RawBuilder<number> {
  return sql<number>`day(${date})`;
}
