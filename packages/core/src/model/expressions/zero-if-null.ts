import { type ExpressionBuilder, type RawBuilder, sql } from 'kysely';
import { perEngine } from './engine-forms.js';
import { type Operand, operandOf } from './operand.js';

/**
 * `coalesce(value, 0)::double`: money (or any DOUBLE measure) with an absent value read as 0, e.g. a month
 * left-joined to totals it has none of. Engine-specific: the `::` cast syntax (DuckDB, PostgreSQL).
 */
export function moneyOrZero<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  value: Operand<DB, TB>,
): RawBuilder<number> {
  const zeroed = eb.fn.coalesce(operandOf(eb, value), eb.lit(0));
  return perEngine({
    duckdb: () => sql<number>`${zeroed}::double`,
    postgres: () => sql<number>`${zeroed}::double precision`,
  });
}

/**
 * `coalesce(value, 0)::integer`: a count with an absent value read as 0, as an INTEGER (a DuckDB `count(*)`
 * is a BIGINT). Engine-specific: the `::` cast syntax.
 */
export function countOrZero<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  value: Operand<DB, TB>,
): RawBuilder<number> {
  return sql<number>`${eb.fn.coalesce(operandOf(eb, value), eb.lit(0))}::integer`;
}
