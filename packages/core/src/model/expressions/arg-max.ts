import {
  type ExpressionBuilder,
  type ExtractTypeFromReferenceExpression,
  type RawBuilder,
  sql,
} from 'kysely';
import { perEngine } from './engine-forms.js';
import { type Operand, operandOf } from './operand.js';

const FIELD = /^[a-z_][a-z0-9_]*$/;

/**
 * `arg_max(value, struct_pack(k1 := o1, k2 := o2, …))`: the value of the group's row with the greatest
 * ordering, the orderings compared in the order given (later ones break ties). The field names only label
 * the struct. Engine-specific: DuckDB's `arg_max` and `struct_pack` (PostgreSQL: the first element of
 * `array_agg(value order by o1 desc, o2 desc …)`; both put a NULL ordering last when looking for the
 * greatest, so the orderings should not be NULL).
 */
export function argMaxBy<DB, TB extends keyof DB, V extends Operand<DB, TB>>(
  eb: ExpressionBuilder<DB, TB>,
  value: V,
  orderings: Readonly<Record<string, Operand<DB, TB>>>,
): RawBuilder<ExtractTypeFromReferenceExpression<DB, TB, V>> {
  const fields = Object.entries(orderings);
  if (fields.length === 0) throw new TypeError('argMaxBy: give at least one ordering');
  for (const [name] of fields) {
    if (!FIELD.test(name)) throw new TypeError(`argMaxBy: "${name}" is not a plain field name`);
  }
  return perEngine({
    duckdb: () => {
      const packed = fields.map(([name, operand]) => sql`${sql.raw(name)} := ${operandOf(eb, operand)}`);
      return sql<
        ExtractTypeFromReferenceExpression<DB, TB, V>
      >`arg_max(${operandOf(eb, value)}, struct_pack(${sql.join(packed)}))`;
    },
    postgres: () => {
      const order = fields.map(([, operand]) => sql`${operandOf(eb, operand)} desc nulls last`);
      return sql<
        ExtractTypeFromReferenceExpression<DB, TB, V>
      >`(array_agg(${operandOf(eb, value)} order by ${sql.join(order)}))[1]`;
    },
  });
}
