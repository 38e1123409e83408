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

/**
 * A DOUBLE held to `digits` significant digits (1 to 15), still a DOUBLE; 0 and NULL as they are. For an
 * amount computed in binary floating point whose decimal value has fewer digits: 358.80 / 12 is
 * 29.900000000000002 and 10.10 + 20.20 is 30.299999999999997, each a few units in the last place off the
 * 29.9 and 30.3 they stand for. Held to 14 digits both are those values exactly, so amounts that are equal
 * in decimals compare equal. Rounded half away from zero at the digit, as roundTo, on both engines.
 */
export function toSignificantDigits(
  value: Expression<number | null>,
  digits: number,
): RawBuilder<number | null> {
  if (!Number.isInteger(digits) || digits < 1 || digits > 15)
    throw new TypeError(`toSignificantDigits: digits must be a whole number from 1 to 15, got ${digits}`);
  // The decimal digits to keep: `digits` less the digits before the point (floor(log10|x|) + 1).
  const decimals = (log10: string) => sql`(${sql.lit(digits - 1)} - floor(${sql.raw(log10)}(abs(${value}))))`;
  return perEngine({
    duckdb: () =>
      sql<
        number | null
      >`(case when ${value} = 0 then ${value} else round(${value}, ${decimals('log10')}::integer) end)`,
    postgres: () => {
      const scale = sql`power(10::double precision, ${decimals('log')})`;
      return sql<
        number | null
      >`(case when ${value} = 0 then ${value} else (sign(${value}) * floor(abs(${value}) * ${scale} + 0.5) / ${scale})::double precision end)`;
    },
  });
}
