import { type Expression, type ExpressionBuilder, type RawBuilder, sql } from 'kysely';
import { perEngine } from './engine-forms.js';
import { type Operand, operandOf } from './operand.js';

function daysOf(days: Expression<number> | number): Expression<number> {
  if (typeof days !== 'number') return days;
  if (!Number.isInteger(days)) throw new TypeError(`days must be an integer, got ${days}`);
  return sql.lit(days);
}

/** PostgreSQL has `date + integer` only (no `date + bigint`): a computed number of days is cast. */
function pgDays(days: Expression<number> | number): Expression<number> {
  return typeof days === 'number' ? daysOf(days) : sql<number>`(${days})::integer`;
}

/**
 * `date + days`: the DATE that many days later. Engine-specific: DATE + INTEGER arithmetic (DuckDB,
 * PostgreSQL, where a computed day count is cast to INTEGER because `date + bigint` does not exist).
 */
export function plusDays<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  date: Operand<DB, TB>,
  days: Expression<number> | number,
): RawBuilder<string> {
  return perEngine({
    duckdb: () => sql<string>`${operandOf(eb, date)} + ${daysOf(days)}`,
    postgres: () => sql<string>`${operandOf(eb, date)} + ${pgDays(days)}`,
  });
}

/** `date - days`: the DATE that many days earlier. Engine-specific like {@link plusDays}. */
export function minusDays<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  date: Operand<DB, TB>,
  days: Expression<number> | number,
): RawBuilder<string> {
  return perEngine({
    duckdb: () => sql<string>`${operandOf(eb, date)} - ${daysOf(days)}`,
    postgres: () => sql<string>`${operandOf(eb, date)} - ${pgDays(days)}`,
  });
}

/**
 * `datediff('day', from, to)`: the calendar days from one DATE to another (an INTEGER, negative when `to`
 * is earlier; null when either is null). Engine-specific: DuckDB's `datediff` with a part name (a BIGINT);
 * PostgreSQL subtracts the DATEs (an INTEGER there, cast to BIGINT).
 */
export function calendarDaysBetween<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  from: Operand<DB, TB>,
  to: Operand<DB, TB>,
): RawBuilder<number | null> {
  const a = operandOf(eb, from);
  const b = operandOf(eb, to);
  return perEngine({
    duckdb: () => sql<number | null>`datediff('day', ${a}, ${b})`,
    postgres: () => sql<number | null>`((${b})::date - (${a})::date)::bigint`,
  });
}
