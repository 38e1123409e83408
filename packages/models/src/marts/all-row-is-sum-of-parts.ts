import { custom, type DataTest } from '@pulse/core';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { ALL_GROUPS } from '../staging/all-groups-name.js';

/**
 * SQL text: two money values agree up to floating-point rounding, relative to their size, or to the size
 * of what they were computed from (`scales`): `mrr - start_mrr` carries the rounding of MRR itself, and a
 * sum of parts of both signs that of its largest parts. Relative to the difference alone, a book of
 * 2.5e10 a month (1.5M USD reported in IDR) failed the identity on rounding.
 */
export const moneyClose = (left: string, right: string, scales: readonly string[] = []): string =>
  `abs((${left}) - (${right})) <= 1e-9 * greatest(1, abs(${left}), abs(${right})${scales
    .map((scale) => `, abs(${scale})`)
    .join('')})`;

/**
 * The one data test of METRICS.md's roll-up identity: in `model`, the `all` row of `dimension` equals the
 * sum of the other rows with the same `keys`, for every additive column. Whole counts must match exactly
 * (the tolerance is below one); sums of doubles (money, averages) to 1e-9 of their size, as their last
 * bits depend on the order of addition. An `all` row without any part must be all zero.
 */
export function allRowIsSumOfParts(
  model: string,
  keys: readonly string[],
  dimension: string,
  columns: readonly string[],
): DataTest {
  // Raw sql stays here, and `db` is Kysely<any>: the model and its columns are parameters of this generic
  // test, so there is no database type for the builder to check them against (a test written in its own
  // model's `tests` is typed by the model instead).
  return custom(`${model}_all_row_is_sum_of_${dimension}s`, (db: Kysely<any>) =>
    db
      .with('parts', (qb) =>
        qb
          .selectFrom(model)
          .select([
            ...keys,
            ...columns.map((column) => sql`sum(${sql.ref(column)})`.as(column)),
            // The size of the parts, whatever their signs: the sum's rounding is relative to it.
            ...columns.map((column) => sql`sum(abs(${sql.ref(column)}))`.as(`${column}__size`)),
          ])
          .where(dimension, '<>', ALL_GROUPS)
          .groupBy([...keys]),
      )
      .selectFrom(`${model} as total`)
      .leftJoin('parts', (join) =>
        keys.reduce((on, key) => on.onRef(`parts.${key}`, '=', `total.${key}`), join),
      )
      .select(keys.map((key) => `total.${key}`))
      .where(`total.${dimension}`, '=', ALL_GROUPS)
      .where(
        sql<boolean>`(${sql.join(
          columns.map(
            (column) =>
              sql`not (${sql.raw(
                moneyClose(`total.${column}`, `coalesce(parts.${column}, 0)`, [
                  `coalesce(parts.${column}__size, 0)`,
                ]),
              )})`,
          ),
          sql` or `,
        )})`,
      ),
  );
}
