import { type Expression, type ExpressionBuilder, type RawBuilder, sql } from 'kysely';
import { type Operand, operandOf } from './operand.js';

/**
 * A bound of a ROWS frame, relative to the current row: `-n` is `n preceding`, `0` the current row, `n`
 * `n following`, `-Infinity` / `Infinity` unbounded preceding / following.
 */
export type FrameBound = number;

export interface RowsWindow<DB, TB extends keyof DB> {
  readonly partitionBy: readonly Operand<DB, TB>[];
  readonly orderBy: Operand<DB, TB>;
  /** The frame, first and last row, e.g. `[-6, -1]`: the six rows before the current one. */
  readonly rows: readonly [FrameBound, FrameBound];
}

function boundSql(bound: FrameBound): string {
  if (bound === Number.NEGATIVE_INFINITY) return 'unbounded preceding';
  if (bound === Number.POSITIVE_INFINITY) return 'unbounded following';
  if (!Number.isInteger(bound))
    throw new TypeError(`a frame bound must be an integer or ±Infinity, got ${bound}`);
  if (bound === 0) return 'current row';
  return bound < 0 ? `${-bound} preceding` : `${bound} following`;
}

/**
 * `aggregate over (partition by … order by … rows between … and …)`: a window aggregate over a ROWS frame.
 * Written here because Kysely's `over()` builder has no frame clause (a window without one can use
 * `.over()` directly); the ROWS frame counts each row once even when rows tie on the order.
 */
export function overRows<DB, TB extends keyof DB, T>(
  eb: ExpressionBuilder<DB, TB>,
  aggregate: Expression<T>,
  window: RowsWindow<DB, TB>,
): RawBuilder<T> {
  const partition = sql.join(window.partitionBy.map((operand) => operandOf(eb, operand)));
  const [first, last] = window.rows;
  const frame = sql.raw(`rows between ${boundSql(first)} and ${boundSql(last)}`);
  return sql<T>`${aggregate} over (partition by ${partition} order by ${operandOf(eb, window.orderBy)} ${frame})`;
}

/**
 * `sum(value) over (partition by … order by … rows between unbounded preceding and current row)`: the
 * running total up to and including the row.
 */
export function runningSum<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  value: Operand<DB, TB>,
  window: Omit<RowsWindow<DB, TB>, 'rows'>,
): RawBuilder<number | null> {
  return overRows(eb, eb.fn.sum<number | null>(value), { ...window, rows: [Number.NEGATIVE_INFINITY, 0] });
}
