import type { Expression, ExpressionBuilder, ExpressionWrapper } from 'kysely';
import { currentSqlEngine } from '../../dialect/sql-engine.js';
import type { Operand } from './operand.js';

/**
 * `numerator / nullif(denominator, 0)`: the ratio, or null when the denominator is 0 or null, rather than
 * a division error or an infinity. An integer over an integer divides as a DOUBLE in DuckDB (`/`), so
 * counts give rates without a cast. Engine-specific: PostgreSQL's `/` truncates integers (and gives
 * NUMERIC for NUMERIC), so there the numerator is cast to `double precision` first: the same DOUBLE
 * division DuckDB does.
 */
export function safeRatio<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  numerator: Operand<DB, TB>,
  denominator: Operand<DB, TB>,
): ExpressionWrapper<DB, TB, number | null> {
  const divisor = eb.fn<number | null>('nullif', [denominator, eb.lit(0)]);
  if (currentSqlEngine() === 'duckdb') {
    return eb(numerator, '/', divisor as Expression<number | null>) as ExpressionWrapper<
      DB,
      TB,
      number | null
    >;
  }
  const dividend = eb.cast<number | null>(numerator as Expression<number | null>, 'double precision');
  return eb(dividend as never, '/', divisor as never) as unknown as ExpressionWrapper<DB, TB, number | null>;
}
