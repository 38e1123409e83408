import { type ExpressionBuilder, type RawBuilder, sql } from 'kysely';
import { type Operand, operandOf } from './operand.js';

/**
 * `date - interval n month`: the same day n months earlier. Engine-specific: DuckDB's interval literal
 * (PostgreSQL writes `interval 'n months'`). On a DATE the result is a TIMESTAMP in DuckDB, which still
 * compares equal to the DATE of that day; wrap it in `asDate` (casts.ts) where a DATE is wanted.
 */
export function monthsBefore<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  date: Operand<DB, TB>,
  months: number,
): RawBuilder<string> {
  if (!Number.isInteger(months))
    throw new TypeError(`monthsBefore: months must be an integer, got ${months}`);
  return sql<string>`${operandOf(eb, date)} - interval ${sql.lit(months)} month`;
}

/**
 * `date_trunc('month', value)::date`: the first day of the month of a DATE or TIMESTAMP, as a DATE.
 * Engine-specific: `date_trunc` and the `::date` cast.
 */
export function monthStart<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  value: Operand<DB, TB>,
): RawBuilder<string> {
  return sql<string>`date_trunc('month', ${operandOf(eb, value)})::date`;
}

/**
 * `datediff('month', from, to)`: the month boundaries crossed from `from` to `to` (an INTEGER count of
 * calendar months between two month starts). Engine-specific: DuckDB's `datediff` with a part name.
 */
export function monthsBetween<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  from: Operand<DB, TB>,
  to: Operand<DB, TB>,
): RawBuilder<number> {
  return sql<number>`datediff('month', ${operandOf(eb, from)}, ${operandOf(eb, to)})`;
}

/**
 * `date + to_months(months)`: the same day `months` later (clamped to the month's last day); a TIMESTAMP
 * in DuckDB, so wrap it in `asDate` for a DATE. Engine-specific: DuckDB's `to_months`.
 */
export function plusMonths<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  date: Operand<DB, TB>,
  months: Operand<DB, TB>,
): RawBuilder<string> {
  return sql<string>`${operandOf(eb, date)} + to_months(${operandOf(eb, months)})`;
}

/**
 * `date_trunc('month', value)`: the month's start in the value's own type (a TIMESTAMP stays a TIMESTAMP),
 * e.g. inside `min(…)` before one cast. Prefer {@link monthStart} for a DATE. Engine-specific: `date_trunc`.
 */
export function truncateToMonth<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  value: Operand<DB, TB>,
): RawBuilder<string> {
  return sql<string>`date_trunc('month', ${operandOf(eb, value)})`;
}
