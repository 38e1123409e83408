import {
  type ExpressionBuilder,
  type ExtractTypeFromReferenceExpression,
  type RawBuilder,
  sql,
} from 'kysely';
import { type Operand, operandOf } from './operand.js';

const FIELD = /^[a-z_][a-z0-9_]*$/;

/**
 * `arg_max(value, struct_pack(k1 := o1, k2 := o2, …))`: the value of the group's row with the greatest
 * ordering, the orderings compared in the order given (later ones break ties). The field names only label
 * the struct. Engine-specific: DuckDB's `arg_max` and `struct_pack` (PostgreSQL would need a
 * `distinct on` or a window).
 */
export function argMaxBy<DB, TB extends keyof DB, V extends Operand<DB, TB>>(
  eb: ExpressionBuilder<DB, TB>,
  value: V,
  orderings: Readonly<Record<string, Operand<DB, TB>>>,
): RawBuilder<ExtractTypeFromReferenceExpression<DB, TB, V>> {
  const fields = Object.entries(orderings);
  if (fields.length === 0) throw new TypeError('argMaxBy: give at least one ordering');
  const packed = fields.map(([name, operand]) => {
    if (!FIELD.test(name)) throw new TypeError(`argMaxBy: "${name}" is not a plain field name`);
    return sql`${sql.raw(name)} := ${operandOf(eb, operand)}`;
  });
  return sql<
    ExtractTypeFromReferenceExpression<DB, TB, V>
  >`arg_max(${operandOf(eb, value)}, struct_pack(${sql.join(packed)}))`;
}
