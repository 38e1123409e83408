import { type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool, sql } from 'kysely';
import { perEngine } from './engine-forms.js';
import { type Operand, operandOf } from './operand.js';

/**
 * One unit of the fixed-point sum: 2^-70. A DOUBLE times 2^70 is exact (a power of two only moves the
 * exponent), and every double of magnitude 2^-18 (~4e-6) or more is a whole number of these units, so its
 * HUGEINT is exact too; smaller values round to the nearest unit (~8.5e-22). A HUGEINT holds sums up to
 * 2^57 (~1.4e17) of the value; beyond that DuckDB fails the cast or the sum with an overflow error, it
 * never wraps.
 */
const SCALE = sql.raw('1180591620717411303424.0::double');

/** The fixed-point HUGEINT of a DOUBLE: exact for money-sized values (see SCALE). */
function units(value: Expression<unknown>): RawBuilder<bigint> {
  return sql<bigint>`((${value}) * ${SCALE})::hugeint`;
}

/**
 * Back to DOUBLE, rounded once: the HUGEINT's decimal text is parsed, which rounds to the nearest double
 * (a HUGEINT → DOUBLE cast may round twice), then divided by the power of two (exact). A NULL sum stays
 * NULL.
 */
function fromUnits(total: Expression<unknown>): RawBuilder<number | null> {
  return sql<number | null>`((${total})::varchar::double / ${SCALE})`;
}

/**
 * PostgreSQL has no HUGEINT, and a DOUBLE cast to NUMERIC keeps only 15 digits; its text is the shortest
 * decimal that reads back as the same double, so the NUMERIC of that text is added exactly and the total
 * read back as a DOUBLE once (correctly rounded). One value gives itself back, like on DuckDB; a longer sum
 * is the correctly rounded sum of those decimals, which may differ from DuckDB's by an ulp.
 */
function pgExactSum(value: Expression<unknown>, condition?: Expression<SqlBool>): RawBuilder<number | null> {
  const decimal = sql`((${value})::double precision)::text::numeric`;
  return condition === undefined
    ? sql<number | null>`(sum(${decimal}))::double precision`
    : sql<number | null>`(sum(${decimal}) filter (where ${condition}))::double precision`;
}

/**
 * `sum(value)` over DOUBLEs, computed exactly and rounded to a DOUBLE once, so the result does not depend
 * on the order in which the engine adds the rows. A plain `sum` of doubles does: DuckDB's parallel
 * aggregation splits large groups across threads and combines the partial sums in whatever order the
 * threads finish, so two builds of the same data differed in the last bits (at 100k accounts,
 * `sum(mrr) group by month` gave 4 different results in 8 runs). Each value is converted to a whole
 * number of 2^-70 units (exact for every value of 2^-18 or more), the HUGEINTs are added exactly, and the
 * total is rounded to the nearest DOUBLE: the correctly rounded sum of the values, whatever their order.
 * One or two values give exactly what `sum` gives (IEEE addition of two doubles is correctly rounded too).
 *
 * Engine-specific: DuckDB's HUGEINT and its casts. Why not DECIMAL: a DOUBLE cast to DECIMAL(38, 18)
 * rounds to a decimal fraction (and back not always to the same double), so single values would change.
 * PostgreSQL: see {@link pgExactSum}.
 */
export function exactSum<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  value: Operand<DB, TB>,
): RawBuilder<number | null> {
  const x = operandOf(eb, value);
  return perEngine({
    duckdb: () => fromUnits(eb.fn.sum(units(x))),
    postgres: () => pgExactSum(x),
  });
}

/**
 * `sum(value) filter (where condition)` computed like {@link exactSum}: null when no row meets the
 * condition. Engine-specific like {@link exactSum} and `sumWhere`.
 */
export function exactSumWhere<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  value: Operand<DB, TB>,
  condition: Expression<SqlBool>,
): RawBuilder<number | null> {
  const x = operandOf(eb, value);
  return perEngine({
    duckdb: () => fromUnits(eb.fn.sum(units(x)).filterWhere(condition)),
    postgres: () => pgExactSum(x, condition),
  });
}
