import { type ExpressionBuilder, type RawBuilder, sql } from 'kysely';
import { type Operand, operandOf } from './operand.js';

/**
 * `epoch(to - from) / 3600`: the hours (fractional) from one TIMESTAMP to another, null when either is
 * null. Engine-specific: DuckDB's `epoch` of an INTERVAL.
 */
export function hoursBetween<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  from: Operand<DB, TB>,
  to: Operand<DB, TB>,
): RawBuilder<number | null> {
  return sql<number | null>`epoch(${operandOf(eb, to)} - ${operandOf(eb, from)}) / 3600`;
}

/**
 * `epoch_us(to) - epoch_us(from)`: the exact integer microseconds from one TIMESTAMP to another, for sums
 * that must not depend on how the engine splits an aggregation. Engine-specific: DuckDB's `epoch_us`.
 */
export function microsecondsBetween<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  from: Operand<DB, TB>,
  to: Operand<DB, TB>,
): RawBuilder<number | null> {
  return sql<number | null>`epoch_us(${operandOf(eb, to)}) - epoch_us(${operandOf(eb, from)})`;
}

/**
 * `epoch(to - from) / 86400`: the days (fractional) from one TIMESTAMP to another, null when either is
 * null. Engine-specific like {@link hoursBetween}.
 */
export function daysBetween<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  from: Operand<DB, TB>,
  to: Operand<DB, TB>,
): RawBuilder<number | null> {
  return sql<number | null>`epoch(${operandOf(eb, to)} - ${operandOf(eb, from)}) / 86400`;
}
