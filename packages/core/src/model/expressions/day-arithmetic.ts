import { type Expression, type ExpressionBuilder, type RawBuilder, sql } from 'kysely';
import { type Operand, operandOf } from './operand.js';

function daysOf(days: Expression<number> | number): Expression<number> {
  if (typeof days !== 'number') return days;
  if (!Number.isInteger(days)) throw new TypeError(`days must be an integer, got ${days}`);
  return sql.lit(days);
}

/**
 * `date + days`: the DATE that many days later. Engine-specific: DATE + INTEGER arithmetic (DuckDB,
 * PostgreSQL); another engine would add an interval here.
 */
export function plusDays<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  date: Operand<DB, TB>,
  days: Expression<number> | number,
): RawBuilder<string> {
  return sql<string>`${operandOf(eb, date)} + ${daysOf(days)}`;
}

/** `date - days`: the DATE that many days earlier. Engine-specific like {@link plusDays}. */
export function minusDays<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  date: Operand<DB, TB>,
  days: Expression<number> | number,
): RawBuilder<string> {
  return sql<string>`${operandOf(eb, date)} - ${daysOf(days)}`;
}

/**
 * `datediff('day', from, to)`: the calendar days from one DATE to another (an INTEGER, negative when `to`
 * is earlier; null when either is null). Engine-specific: DuckDB's `datediff` with a part name.
 */
export function calendarDaysBetween<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  from: Operand<DB, TB>,
  to: Operand<DB, TB>,
): RawBuilder<number | null> {
  return sql<number | null>`datediff('day', ${operandOf(eb, from)}, ${operandOf(eb, to)})`;
}
