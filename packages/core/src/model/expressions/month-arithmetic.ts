import { type ExpressionBuilder, type RawBuilder, sql } from 'kysely';
import { perEngine } from './engine-forms.js';
import { type Operand, operandOf } from './operand.js';

/**
 * `date - interval n month`: the same day n months earlier. Engine-specific: DuckDB's interval literal
 * (PostgreSQL writes `interval 'n months'`). On a DATE the result is a TIMESTAMP in both engines, which
 * still compares equal to the DATE of that day; wrap it in `asDate` (casts.ts) where a DATE is wanted.
 */
export function monthsBefore<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  date: Operand<DB, TB>,
  months: number,
): RawBuilder<string> {
  if (!Number.isInteger(months))
    throw new TypeError(`monthsBefore: months must be an integer, got ${months}`);
  return perEngine({
    duckdb: () => sql<string>`${operandOf(eb, date)} - interval ${sql.lit(months)} month`,
    postgres: () => sql<string>`${operandOf(eb, date)} - interval ${sql.lit(`${months} months`)}`,
  });
}

/**
 * `date_trunc('month', value)::date`: the first day of the month of a DATE or TIMESTAMP, as a DATE.
 * Engine-specific: `date_trunc`; PostgreSQL truncates a DATE through TIMESTAMPTZ, so the value is cast to
 * TIMESTAMP first (no time zone may enter).
 */
export function monthStart<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  value: Operand<DB, TB>,
): RawBuilder<string> {
  return sql<string>`${truncateToMonth(eb, value)}::date`;
}

/**
 * `datediff('month', from, to)`: the month boundaries crossed from `from` to `to` (a BIGINT count of
 * calendar months between two month starts). Engine-specific: DuckDB's `datediff` with a part name
 * (PostgreSQL: year and month differences from `extract`, as a BIGINT).
 */
export function monthsBetween<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  from: Operand<DB, TB>,
  to: Operand<DB, TB>,
): RawBuilder<number> {
  const a = operandOf(eb, from);
  const b = operandOf(eb, to);
  return perEngine({
    duckdb: () => sql<number>`datediff('month', ${a}, ${b})`,
    postgres: () =>
      sql<number>`((extract(year from ${b}) - extract(year from ${a})) * 12 + extract(month from ${b}) - extract(month from ${a}))::bigint`,
  });
}

/**
 * `date + to_months(months)`: the same day `months` later (clamped to the month's last day); a TIMESTAMP
 * in both engines, so wrap it in `asDate` for a DATE. Engine-specific: DuckDB's `to_months` (PostgreSQL:
 * `months * interval '1 month'`).
 */
export function plusMonths<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  date: Operand<DB, TB>,
  months: Operand<DB, TB>,
): RawBuilder<string> {
  return perEngine({
    duckdb: () => sql<string>`${operandOf(eb, date)} + to_months(${operandOf(eb, months)})`,
    postgres: () => sql<string>`${operandOf(eb, date)} + (${operandOf(eb, months)}) * interval '1 month'`,
  });
}

/**
 * `date_trunc('month', value)`: the month's start in the value's own type (a TIMESTAMP stays a TIMESTAMP),
 * e.g. inside `min(…)` before one cast. Prefer {@link monthStart} for a DATE. Engine-specific: `date_trunc`
 * (PostgreSQL: of the value cast to TIMESTAMP, a TIMESTAMP; DuckDB keeps a DATE's type).
 */
export function truncateToMonth<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  value: Operand<DB, TB>,
): RawBuilder<string> {
  return perEngine({
    duckdb: () => sql<string>`date_trunc('month', ${operandOf(eb, value)})`,
    postgres: () => sql<string>`date_trunc('month', (${operandOf(eb, value)})::timestamp)`,
  });
}
