import type { AggregateFunctionBuilder, Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Operand } from './operand.js';

/**
 * `sum(value) filter (where condition)`: the sum over the rows of the group that meet the condition (null
 * when none does). Engine-specific: the aggregate `filter (where …)` clause (DuckDB, PostgreSQL, SQLite);
 * an engine without it would get `sum(case when … then value end)` here.
 */
export function sumWhere<DB, TB extends keyof DB, O extends number | null = number>(
  eb: ExpressionBuilder<DB, TB>,
  value: Operand<DB, TB>,
  condition: Expression<SqlBool>,
): AggregateFunctionBuilder<DB, TB, O> {
  return eb.fn.sum<O>(value).filterWhere(condition);
}

/**
 * `count(*) filter (where condition)`: the rows of the group that meet the condition (0 when none does).
 * Engine-specific like {@link sumWhere}.
 */
export function countWhere<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  condition: Expression<SqlBool>,
): AggregateFunctionBuilder<DB, TB, number> {
  return eb.fn.countAll<number>().filterWhere(condition);
}
