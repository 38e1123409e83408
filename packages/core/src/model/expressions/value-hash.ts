import { type ExpressionBuilder, type RawBuilder, sql } from 'kysely';
import { perEngine } from './engine-forms.js';
import { type Operand, operandOf } from './operand.js';

/**
 * A 64-bit hash of a text value, to group or match many values cheaply before comparing the few whose
 * hashes collide (two values may share a hash; equal values always do). The hash itself
 * differs between engines and is never stored or exported. Engine-specific: DuckDB's `hash` (a UBIGINT),
 * PostgreSQL's `hashtextextended(value, 0)` (a BIGINT).
 */
export function hashOf<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  value: Operand<DB, TB>,
): RawBuilder<bigint> {
  const x = operandOf(eb, value);
  return perEngine({
    duckdb: () => sql<bigint>`hash(${x})`,
    postgres: () => sql<bigint>`hashtextextended(${x}, 0)`,
  });
}
