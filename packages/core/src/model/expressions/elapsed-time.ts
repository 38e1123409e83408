import { type ExpressionBuilder, type RawBuilder, sql } from 'kysely';
import { perEngine } from './engine-forms.js';
import { type Operand, operandOf } from './operand.js';

/** The seconds (DOUBLE) from one TIMESTAMP to another, in each engine's words. */
function secondsBetween<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  from: Operand<DB, TB>,
  to: Operand<DB, TB>,
): RawBuilder<number | null> {
  return perEngine({
    duckdb: () => sql<number | null>`epoch(${operandOf(eb, to)} - ${operandOf(eb, from)})`,
    // extract(epoch …) is NUMERIC in PostgreSQL: cast to DOUBLE like DuckDB's epoch.
    postgres: () =>
      sql<
        number | null
      >`extract(epoch from (${operandOf(eb, to)} - ${operandOf(eb, from)}))::double precision`,
  });
}

/**
 * `epoch(to - from) / 3600`: the hours (fractional) from one TIMESTAMP to another, null when either is
 * null. Engine-specific: DuckDB's `epoch` of an INTERVAL (PostgreSQL: `extract(epoch from …)::double
 * precision`).
 */
export function hoursBetween<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  from: Operand<DB, TB>,
  to: Operand<DB, TB>,
): RawBuilder<number | null> {
  return sql<number | null>`${secondsBetween(eb, from, to)} / 3600`;
}

/**
 * `epoch_us(to) - epoch_us(from)`: the exact integer microseconds from one TIMESTAMP to another, for sums
 * that must not depend on how the engine splits an aggregation. Engine-specific: DuckDB's `epoch_us`
 * (PostgreSQL: the exact NUMERIC `extract(epoch …)` times 10^6, as a BIGINT).
 */
export function microsecondsBetween<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  from: Operand<DB, TB>,
  to: Operand<DB, TB>,
): RawBuilder<number | null> {
  return perEngine({
    duckdb: () => sql<number | null>`epoch_us(${operandOf(eb, to)}) - epoch_us(${operandOf(eb, from)})`,
    postgres: () =>
      sql<
        number | null
      >`(extract(epoch from ${operandOf(eb, to)}) * 1000000)::bigint - (extract(epoch from ${operandOf(eb, from)}) * 1000000)::bigint`,
  });
}

/**
 * `epoch(to - from) / 86400`: the days (fractional) from one TIMESTAMP to another, null when either is
 * null. Engine-specific like {@link hoursBetween}.
 */
export function daysBetween<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  from: Operand<DB, TB>,
  to: Operand<DB, TB>,
): RawBuilder<number | null> {
  return sql<number | null>`${secondsBetween(eb, from, to)} / 86400`;
}
