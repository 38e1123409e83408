import { type Expression, type RawBuilder, sql } from 'kysely';
import { perEngine } from './engine-forms.js';

/**
 * `round(value, digits)`: a DOUBLE rounded to that many decimal digits, still a DOUBLE. Engine-specific:
 * PostgreSQL rounds to digits only a NUMERIC, so the value goes through NUMERIC and back.
 */
export function roundTo(value: Expression<number | null>, digits: number): RawBuilder<number | null> {
  if (!Number.isInteger(digits)) throw new TypeError(`roundTo: digits must be an integer, got ${digits}`);
  return perEngine({
    duckdb: () => sql<number | null>`round(${value}, ${sql.lit(digits)})`,
    postgres: () => sql<number | null>`round((${value})::numeric, ${sql.lit(digits)})::double precision`,
  });
}
