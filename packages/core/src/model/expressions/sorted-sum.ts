import { type ExpressionBuilder, type RawBuilder, sql } from 'kysely';
import { perEngine } from './engine-forms.js';
import { type Operand, operandOf } from './operand.js';

/**
 * The sum of a group's values added in ascending order, so the same set of DOUBLEs gives the same bits
 * whatever order the engine meets the rows in (a plain `sum` depends on it in the last bits). Null when
 * the group has no non-null value.
 * Engine-specific: DuckDB sums the sorted list (`list_sum(list_sort(list(x)))`), PostgreSQL feeds the
 * aggregate its rows in order (`sum(x order by x)`); both add left to right, so they agree to the bit.
 */
export function sumInSortedOrder<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  value: Operand<DB, TB>,
): RawBuilder<number | null> {
  const x = operandOf(eb, value);
  return perEngine({
    duckdb: () => sql<number | null>`list_sum(list_sort(list(${x})))`,
    postgres: () => sql<number | null>`sum(${x} order by ${x})`,
  });
}
