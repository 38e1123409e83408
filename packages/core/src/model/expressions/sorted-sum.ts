import { type ExpressionBuilder, type RawBuilder, sql } from 'kysely';
import { perEngine } from './engine-forms.js';
import { type Operand, operandOf } from './operand.js';

/**
 * The group's sum added up in ascending order of the values, so a DOUBLE sum does not depend on how the
 * engine happened to split or order the group (null when the group has no non-null value).
 * Engine-specific: DuckDB sums the sorted list (`list_sum(list_sort(list(x)))`), PostgreSQL feeds the
 * aggregate its rows in order (`sum(x order by x)`); both add left to right, so they agree to the bit.
 */
export function sortedSum<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  value: Operand<DB, TB>,
): RawBuilder<number | null> {
  const x = operandOf(eb, value);
  return perEngine({
    duckdb: () => sql<number | null>`list_sum(list_sort(list(${x})))`,
    postgres: () => sql<number | null>`sum(${x} order by ${x})`,
  });
}
