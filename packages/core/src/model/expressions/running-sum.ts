import { type ExpressionBuilder, type RawBuilder, sql } from 'kysely';
import { type Operand, operandOf } from './operand.js';

/**
 * `sum(value) over (partition by … order by … rows between unbounded preceding and current row)`: the
 * running total up to and including the row. Written here because Kysely's `over()` builder has no frame
 * clause; the ROWS frame counts each row once even when rows tie on the order.
 */
export function runningSum<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  value: Operand<DB, TB>,
  window: { readonly partitionBy: readonly Operand<DB, TB>[]; readonly orderBy: Operand<DB, TB> },
): RawBuilder<number | null> {
  const partition = sql.join(window.partitionBy.map((operand) => operandOf(eb, operand)));
  return sql<number | null>`sum(${operandOf(eb, value)}) over (
    partition by ${partition} order by ${operandOf(eb, window.orderBy)} rows between unbounded preceding and current row
  )`;
}
