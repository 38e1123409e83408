import { type Expression, type RawBuilder, sql } from 'kysely';
import { perEngine } from './engine-forms.js';

/**
 * `round(value, digits)`: a DOUBLE rounded to that many decimal digits (0 or more), still a DOUBLE.
 * Engine-specific: DuckDB scales the double, rounds half away from zero and scales back. PostgreSQL
 * rounds to digits only a NUMERIC, and its double → NUMERIC keeps 15 significant digits, so a double
 * just below a half (73.74999999999999) would round up there; the same double arithmetic is written out
 * instead: `sign(x) * floor(abs(x) * 10^n + 0.5) / 10^n`.
 */
export function roundTo(value: Expression<number | null>, digits: number): RawBuilder<number | null> {
  if (!Number.isInteger(digits) || digits < 0)
    throw new TypeError(`roundTo: digits must be a whole number of 0 or more, got ${digits}`);
  const scale = sql.lit(10 ** digits);
  return perEngine({
    duckdb: () => sql<number | null>`round(${value}, ${sql.lit(digits)})`,
    postgres: () =>
      sql<
        number | null
      >`(sign(${value}) * floor(abs(${value}) * ${scale} + 0.5) / ${scale})::double precision`,
  });
}
