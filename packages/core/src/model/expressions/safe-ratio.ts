import type { Expression, ExpressionBuilder, ExpressionWrapper } from 'kysely';
import type { Operand } from './operand.js';

/**
 * `numerator / nullif(denominator, 0)`: the ratio, or null when the denominator is 0 or null, rather than
 * a division error or an infinity. An integer over an integer divides as a DOUBLE in DuckDB (`/`), so
 * counts give rates without a cast; an engine whose `/` truncates integers needs one here.
 */
export function safeRatio<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  numerator: Operand<DB, TB>,
  denominator: Operand<DB, TB>,
): ExpressionWrapper<DB, TB, number | null> {
  const divisor = eb.fn<number | null>('nullif', [denominator, eb.lit(0)]);
  return eb(numerator, '/', divisor as Expression<number | null>) as ExpressionWrapper<DB, TB, number | null>;
}
