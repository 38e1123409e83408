import { type ExpressionBuilder, type RawBuilder, sql } from 'kysely';
import { type Operand, operandOf } from './operand.js';

/**
 * `list_sum(list_sort(list(value)))`: the sum of a group's values added in ascending order, so the same
 * set of DOUBLEs gives the same bits whatever order the engine meets the rows in (a plain `sum` depends on
 * it in the last bits). Null when the group has no non-null value. Engine-specific: DuckDB's list
 * functions (PostgreSQL: `sum(x order by x)` is not allowed, an ordered `array_agg` and a fold would be).
 */
export function sumInSortedOrder<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  value: Operand<DB, TB>,
): RawBuilder<number | null> {
  return sql<number | null>`list_sum(list_sort(list(${operandOf(eb, value)})))`;
}
