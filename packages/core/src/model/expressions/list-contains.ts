import { type ExpressionBuilder, type RawBuilder, sql } from 'kysely';
import { perEngine } from './engine-forms.js';
import { type Operand, operandOf } from './operand.js';

/** The PostgreSQL array type a JS list is bound as: text, bigint or double precision. */
function pgArrayType(list: readonly (string | number)[]): string {
  if (list.every((item) => typeof item === 'number'))
    return list.every((item) => Number.isSafeInteger(item)) ? 'bigint[]' : 'double precision[]';
  return 'text[]';
}

/**
 * `list_contains($n, value)`: whether the value is one of a JS list bound as one LIST parameter (false for
 * an empty list, where `in ()` would not parse). Engine-specific: DuckDB's LIST parameters and
 * `list_contains` (PostgreSQL: `value = any($n::text[])`, the array typed because an untyped one cannot
 * be compared).
 */
export function isInList<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  value: Operand<DB, TB>,
  list: readonly (string | number)[],
): RawBuilder<boolean> {
  return perEngine({
    duckdb: () => sql<boolean>`list_contains(${list}, ${operandOf(eb, value)})`,
    // An empty list has no element type to compare with: nothing is in it.
    postgres: () =>
      list.length === 0
        ? sql<boolean>`false`
        : sql<boolean>`(${operandOf(eb, value)} = any(${[...list]}::${sql.raw(pgArrayType(list))}))`,
  });
}
