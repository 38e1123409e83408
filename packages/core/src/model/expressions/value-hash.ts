import { type ExpressionBuilder, type RawBuilder, sql } from 'kysely';
import { perEngine } from './engine-forms.js';
import { type Operand, operandOf } from './operand.js';

/**
 * A 64-bit hash of a text value (a BIGINT; NULL for NULL), to group or match many values cheaply before
 * comparing the few whose hashes collide (two values may share a hash; equal values always do). A model may
 * store it in place of a long key it only ever matches (stg_events keeps the hash of `event_id`: writing 50M
 * unique strings cost more than the rest of the table), but the value differs between engines: never
 * export it or compare it across engines. Engine-specific: DuckDB's `hash` is a UBIGINT of every value, NULL
 * included, so its top bit is dropped to fit a BIGINT and a NULL is kept NULL; PostgreSQL's
 * `hashtextextended(value, 0)` is a BIGINT already and NULL for NULL.
 */
export function hashOf<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  value: Operand<DB, TB>,
): RawBuilder<bigint> {
  const x = operandOf(eb, value);
  return perEngine({
    duckdb: () => sql<bigint>`case when ${x} is null then null else (hash(${x}) >> 1)::BIGINT end`,
    postgres: () => sql<bigint>`hashtextextended(${x}, 0)`,
  });
}
