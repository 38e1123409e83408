import { type ExpressionBuilder, type RawBuilder, sql } from 'kysely';
import { type Operand, operandOf } from './operand.js';

/**
 * `quantile_cont(value, q)`: the continuous (interpolated) q-quantile of the group, null on an empty one.
 * Engine-specific: DuckDB's `quantile_cont` (PostgreSQL: `percentile_cont(q) within group (order by value)`).
 */
export function quantileCont<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  value: Operand<DB, TB>,
  q: number,
): RawBuilder<number | null> {
  // Written as a DECIMAL literal (`0.5`), not a bound or `::double` value: the number is checked here.
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantileCont: q must lie in [0, 1], got ${q}`);
  return sql<number | null>`quantile_cont(${operandOf(eb, value)}, ${sql.raw(String(q))})`;
}
