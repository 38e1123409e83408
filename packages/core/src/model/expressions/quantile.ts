import { type ExpressionBuilder, type RawBuilder, sql } from 'kysely';
import { perEngine } from './engine-forms.js';
import { type Operand, operandOf } from './operand.js';

/**
 * `quantile_cont(value, q)`: the continuous (interpolated) q-quantile of the group, null on an empty one.
 * Engine-specific: DuckDB's `quantile_cont` (PostgreSQL: the ordered-set aggregate
 * `percentile_cont(q) within group (order by value)`, which is not a window function there).
 */
export function quantileCont<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  value: Operand<DB, TB>,
  q: number,
): RawBuilder<number | null> {
  // Written as a DECIMAL literal (`0.5`), not a bound or `::double` value: the number is checked here.
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantileCont: q must lie in [0, 1], got ${q}`);
  return perEngine({
    duckdb: () => sql<number | null>`quantile_cont(${operandOf(eb, value)}, ${sql.raw(String(q))})`,
    postgres: () =>
      sql<
        number | null
      >`percentile_cont(${sql.raw(String(q))}) within group (order by ${operandOf(eb, value)})`,
  });
}
