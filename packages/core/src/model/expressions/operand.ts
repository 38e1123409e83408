import type { Expression, ExpressionBuilder, StringReference } from 'kysely';

/**
 * What a helper takes as an operand: a column the compiler checks (`'r.mrr'`, `'mrr'`) or an expression
 * built with the same builder.
 */
export type Operand<DB, TB extends keyof DB> = StringReference<DB, TB> | Expression<unknown>;

/** The operand as an expression, so it can sit inside a helper's SQL template. */
export function operandOf<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  operand: Operand<DB, TB>,
): Expression<unknown> {
  return typeof operand === 'string' ? eb.ref(operand) : operand;
}
