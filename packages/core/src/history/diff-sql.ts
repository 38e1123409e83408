import { readerPath } from '../ingest/sql-text.js';

/**
 * The SQL that compares one mart's previous Parquet copy with its new one, row by row on its grain.
 * Pure text builders (no DuckDB here), so the tolerance and the change kinds read in one place.
 */

/** Numbers within this fraction of the larger magnitude are equal: float noise of a re-summed total. */
export const RELATIVE_TOLERANCE = 1e-9;
/** Below this absolute difference two numbers are equal too: noise around zero has no magnitude to scale. */
export const ABSOLUTE_FLOOR = 1e-12;

const NUMERIC_TYPE =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL)/;

export function isNumericType(duckdbType: string): boolean {
  return NUMERIC_TYPE.test(duckdbType.toUpperCase());
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function quoteLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** Whether two values of a column differ: NULL against a value does; numbers beyond the tolerance do. */
export function differsSql(before: string, after: string, numeric: boolean): string {
  if (!numeric) return `(${before} is distinct from ${after})`;
  const [b, a] = [`(${before})::double`, `(${after})::double`];
  return `((${b} is null) <> (${a} is null) or coalesce(abs(${a} - ${b}) > greatest(${RELATIVE_TOLERANCE} * greatest(abs(${a}), abs(${b})), ${ABSOLUTE_FLOOR}), false))`;
}

export interface MartColumns {
  /** Grain columns, in order. */
  readonly keys: readonly string[];
  readonly month: string;
  /** Value columns present in both files, with whether they are numeric. */
  readonly values: readonly { readonly name: string; readonly numeric: boolean }[];
}

/** Column list of `changes/values.parquet`, typed, for the empty case and the union's first member. */
export const MOVED_VALUES_EMPTY = `select null::varchar as mart, null::varchar as month, null::varchar as segment,
  null::varchar as other_keys, null::bigint as grain_order, null::varchar as "column", null::varchar as change,
  null::varchar as old_value, null::varchar as new_value where false`;

/**
 * Every value of `mart` that moved: one row per (grain, column) whose value differs, plus one row per grain
 * row that appeared (`added`, new_value the row) or disappeared (`removed`, old_value the row). Values are
 * JSON text, so numbers, dates and text keep their kind. `segment` is the grain's segment column if any;
 * the grain columns other than month and segment are `other_keys` (JSON object), e.g. a channel;
 * `grain_order` ranks the rows in the grain's order (for sorting, then dropped).
 */
export function movedValuesSql(
  mart: string,
  previousFile: string,
  currentFile: string,
  columns: MartColumns,
): string {
  const side = (which: 'o' | 'n', name: string) => `${which}.${quoteIdent(name)}`;
  const on = columns.keys
    .map((name) => `${side('o', name)} is not distinct from ${side('n', name)}`)
    .join(' and ');
  const keyOf = (name: string) => `coalesce(${side('o', name)}, ${side('n', name)})`;
  const others = columns.keys.filter((name) => name !== columns.month && name !== 'segment');
  const otherKeys = others.length
    ? `json_object(${others.map((name) => `${quoteLiteral(name)}, ${keyOf(name)}`).join(', ')})::varchar`
    : 'null::varchar';
  const segment = columns.keys.includes('segment') ? `${keyOf('segment')}::varchar` : 'null::varchar';
  const rowJson = (which: 'o' | 'n') =>
    columns.values.length
      ? `json_object(${columns.values.map((value) => `${quoteLiteral(value.name)}, ${side(which, value.name)}`).join(', ')})::varchar`
      : "'{}'";
  // One pass over the joined pair; the grain's own order (dates and numbers, not their text) ranks the rows.
  const grainOrder = columns.keys.map((name) => `${keyOf(name)} nulls first`).join(', ');
  const sideColumns = columns.values.flatMap((value, i) => [
    `${side('o', value.name)} as "o${i}"`,
    `${side('n', value.name)} as "n${i}"`,
  ]);
  const joined = `select ${keyOf(columns.month)}::varchar as month, ${segment} as segment, ${otherKeys} as other_keys,
      dense_rank() over (order by ${grainOrder}) as grain_order,
      o."__present" as o_present, n."__present" as n_present,
      ${rowJson('o')} as o_row, ${rowJson('n')} as n_row${sideColumns.length ? `, ${sideColumns.join(', ')}` : ''}
    from (select *, true as "__present" from read_parquet(${readerPath(previousFile)})) o
    full join (select *, true as "__present" from read_parquet(${readerPath(currentFile)})) n on ${on || 'true'}`;
  const head = `${quoteLiteral(mart)} as mart, month, segment, other_keys, grain_order`;
  const parts = [
    `select ${head}, null::varchar as "column", 'added' as change, null::varchar as old_value, n_row as new_value
     from j where o_present is null`,
    `select ${head}, null::varchar as "column", 'removed' as change, o_row as old_value, null::varchar as new_value
     from j where n_present is null`,
    ...columns.values.map(
      (value, i) =>
        `select ${head}, ${quoteLiteral(value.name)} as "column", 'changed' as change,
           to_json("o${i}")::varchar as old_value, to_json("n${i}")::varchar as new_value
         from j where o_present and n_present and ${differsSql(`"o${i}"`, `"n${i}"`, value.numeric)}`,
    ),
  ];
  return `with j as (${joined})\n${parts.join('\nunion all\n')}`;
}

/** Column list of `changes/accounts.parquet`. */
export const ACCOUNT_CHANGES_EMPTY = `select null::varchar as account_id, null::varchar as month,
  null::double as old_value, null::double as new_value where false`;

/**
 * The account-months whose value moved (or appeared, or disappeared: the other side is NULL) between the
 * previous and the new copy of the account history mart. A month after the previous copy's last month is
 * new history, not changed history: at a month's turn every active account gains one, and the list of
 * 367 accounts buried the one whose October was restated. A month that appeared within the old range (a
 * late invoice reactivating an account) is still a change.
 */
export function accountChangesSql(
  previousFile: string,
  currentFile: string,
  history: { readonly key: string; readonly month: string; readonly value: string },
): string {
  const [k, m, v] = [quoteIdent(history.key), quoteIdent(history.month), quoteIdent(history.value)];
  return `select coalesce(o.${k}, n.${k})::varchar as account_id, coalesce(o.${m}, n.${m})::varchar as month,
      o.${v}::double as old_value, n.${v}::double as new_value
    from (select ${k}, ${m}, ${v}, true as "__present" from read_parquet(${readerPath(previousFile)})) o
    full join (select ${k}, ${m}, ${v}, true as "__present" from read_parquet(${readerPath(currentFile)})) n
      on o.${k} is not distinct from n.${k} and o.${m} is not distinct from n.${m}
    where (o."__present" is null
           and n.${m} <= (select max(${m}) from read_parquet(${readerPath(previousFile)})))
       or n."__present" is null
       or (o."__present" and n."__present" and ${differsSql(`o.${v}`, `n.${v}`, true)})`;
}
