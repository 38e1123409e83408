import { type ExpressionBuilder, type RawBuilder, sql } from 'kysely';
import { type Operand, operandOf } from './operand.js';

/**
 * `list_contains($n, value)`: whether the value is one of a JS list bound as one LIST parameter (false for
 * an empty list, where `in ()` would not parse). Engine-specific: DuckDB's LIST parameters and
 * `list_contains` (PostgreSQL: `value = any($n)`).
 */
export function isInList<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  value: Operand<DB, TB>,
  list: readonly (string | number)[],
): RawBuilder<boolean> {
  return sql<boolean>`list_contains(${list}, ${operandOf(eb, value)})`;
}
