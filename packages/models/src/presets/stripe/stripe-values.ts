import { currencyExponentSql } from '@pulse/core';

/**
 * SQL over the text of Stripe's vendor tables: the value spellings of the syncs, turned into the text the
 * contract reads. A value that does not parse passes through as written (or with a note), so the contract
 * quarantines it as `wrong_type` at the vendor's file and line instead of the derivation dropping it.
 */

/** An integer amount in minor units (Stripe's amounts: "4990" for 49.90 USD), as HUGEINT; NULL when not one. */
export function minorUnits(text: string): string {
  return `(case when regexp_full_match(${text}, '[+-]?\\d{1,18}') then ${text}::HUGEINT end)`;
}

/**
 * A count (a line item's `quantity`, a price's `interval_count`) as HUGEINT: a whole number, written as an
 * integer or with a zero fraction (`2`, `2.0`: typed exports and some syncs write integers as decimals);
 * NULL when the text is anything else (`2.5`, `two`) or NULL.
 */
export function wholeCount(text: string): string {
  return `(case when regexp_full_match(${text}, '[+-]?\\d{1,18}(\\.0*)?') then regexp_extract(${text}, '^[+-]?\\d+')::HUGEINT end)`;
}

/** The text a non-integer amount shows in the quarantine reason; NULL for an integer or NULL amount. */
export function notMinorUnits(text: string): string {
  return `(case when ${text} is not null and ${minorUnits(text)} is null then ${text} || ' (not a whole amount in minor units)' end)`;
}

/**
 * Minor units → the exact decimal text in the currency's major unit (4990 USD → `49.90`, 500 JPY → `500`,
 * 1500 KWD → `1.500`), by the ISO 4217 exponent of the row's currency: integer arithmetic, no float error.
 */
export function majorUnitsText(minor: string, currency: string): string {
  const exponent = currencyExponentSql(currency);
  const scale = `(case ${exponent} when 0 then 1 when 2 then 100 when 3 then 1000 else 10000 end)::HUGEINT`;
  return `(case when ${minor} is null then NULL when ${exponent} = 0 then (${minor})::VARCHAR
    else (case when ${minor} < 0 then '-' else '' end) || (abs(${minor}) // ${scale})::VARCHAR || '.' ||
         lpad((abs(${minor}) % ${scale})::VARCHAR, ${exponent}, '0') end)`;
}

/** The text a count that is not whole shows in the quarantine reason; NULL for a whole or NULL count. */
export function notWholeCount(text: string, name: string): string {
  return `(case when ${text} is not null and ${wholeCount(text)} is null then ${text} || ' (${name} is not a whole number)' end)`;
}

/**
 * The amount as the contract reads it: `majorUnitsText`, else the first offending input: an amount that is
 * not whole minor units (see notMinorUnits), a list of amounts that is not one (`lists`, see
 * notAmountList), or a count that is not whole (`counts`, see notWholeCount).
 */
export function moneyText(
  minor: string,
  currency: string,
  inputs: readonly string[],
  counts: readonly string[] = [],
  lists: readonly string[] = [],
): string {
  const offending = [
    ...inputs.map(notMinorUnits),
    ...lists.map((list) => notAmountList(list, list.replace(/^\w+\./, ''))),
    ...counts.map((count) => notWholeCount(count, count)),
  ];
  return `coalesce(${majorUnitsText(minor, currency)}, ${offending.join(', ')})`;
}

/**
 * The spellings of a warehouse unload that ISO parsing refuses: Snowflake's default for a TIMESTAMP_TZ
 * (`2024-01-05 09:00:00.000 +0000`, a space before an offset without a colon). A Stripe sync unloaded
 * from Snowflake quarantined every customer and, through them, every subscription as orphans.
 */
const UNLOAD_FORMATS = ['%Y-%m-%d %H:%M:%S.%g %z', '%Y-%m-%d %H:%M:%S.%f %z', '%Y-%m-%d %H:%M:%S %z'];

/**
 * An instant written as ISO text (UTC when without offset), a warehouse unload's spelling with an offset,
 * or Unix epoch seconds, as a UTC TIMESTAMP; NULL when none.
 */
export function instant(text: string): string {
  const formats = UNLOAD_FORMATS.map((format) => `'${format}'`).join(', ');
  return `(case when regexp_full_match(${text}, '[+-]?\\d{1,12}') then to_timestamp(${text}::BIGINT)::TIMESTAMP
               else coalesce(try_cast(${text} as TIMESTAMPTZ), try_strptime(${text}, [${formats}]))::TIMESTAMP end)`;
}

/** A timestamp column: ISO text of the instant (epoch seconds converted), else the text as written. */
export function timestampText(text: string): string {
  return `coalesce(strftime(${instant(text)}, '%Y-%m-%d %H:%M:%S'), ${text})`;
}

/** The UTC date of an instant (`period_start`, `ended_at` …); NULL when it does not parse. */
export function utcDate(text: string): string {
  return `(${instant(text)})::DATE`;
}

/** A date column: `YYYY-MM-DD`, else the text as written. */
export function dateText(date: string, text: string): string {
  return `coalesce(strftime(${date}, '%Y-%m-%d'), ${text})`;
}

/** Stripe's booleans as the syncs write them: true/false, TRUE/FALSE, t/f, 1/0. */
export function isTrue(text: string): string {
  return `coalesce(lower(${text}) in ('true', 't', '1', 'yes'), false)`;
}

/** Written false in one of those spellings; NULL and anything else are not false. */
export function isFalse(text: string): string {
  return `coalesce(lower(${text}) in ('false', 'f', '0', 'no'), false)`;
}

/**
 * An id column that Airbyte may write as the expanded object (`price` holding the whole price JSON): its
 * `id`, else the text as written.
 */
function idOf(text: string): string {
  return `(case when json_type(${validJson(text)}) = 'OBJECT' then ${validJson(text)} ->> '$.id' else ${text} end)`;
}

/**
 * The text when it is valid JSON, else NULL: the argument of every JSON function here, so a cell that is
 * not JSON reads NULL instead of failing the statement. A guard beside the call (`json_valid(t) and
 * json_type(t) = …`) does not hold: DuckDB's common subexpression elimination may evaluate a repeated
 * call on every row, outside the CASE that guarded it (`[{amount:3}]` in discount_amounts failed a build).
 */
export function validJson(text: string): string {
  return `(case when json_valid(${text}) then ${text} end)`;
}

/**
 * The id a row refers to another object by: Fivetran's flattened `<field>_id`, else Airbyte's and Stripe
 * Data Pipeline's `<field>` (the id, or the expanded object: its id). `row` prefixes both columns (`i.`).
 */
export function refId(field: string, row = ''): string {
  return `coalesce(${row}${field}_id, ${idOf(`${row}${field}`)})`;
}

/**
 * A field Stripe API version 2025-03-31.basil nests in an object of the row (`parent`, `pricing`), by its
 * path (`['subscription_item_details', 'subscription_item']`): the column a sync flattens it to, the path
 * joined with `_` (`parent_subscription_item_details_subscription_item`), else the field of the object
 * kept as one JSON column (Airbyte, Stripe Data Pipeline). An id written as the expanded object is read
 * as its `id`, as in refId (2025-12-15.clover lets `pricing.price_details.price` be expanded).
 */
export function nestedField(object: string, path: readonly string[]): string {
  return `coalesce(${idOf(`${object}_${path.join('_')}`)}, ${idOf(jsonField(object, path.join('.')))})`;
}

/** A field of a JSON object column (`period` → `$.start`), NULL when the column is not a JSON object. */
export function jsonField(text: string, field: string): string {
  return `(case when json_type(${validJson(text)}) = 'OBJECT' then ${validJson(text)} ->> '$.${field}' end)`;
}

/**
 * Σ `amount` of a JSON list of `{amount}` objects (Stripe's `discount_amounts`, `tax_amounts`) in minor
 * units; 0 for `[]`; NULL when the cell is not a JSON list or an entry has no whole `amount` (the amount
 * it takes part in is then unknown, and its row quarantined, rather than read as no discount or tax).
 */
export function listAmountSum(text: string): string {
  const list = validJson(text);
  const amounts = `json_extract(${list}, '$[*].amount')`;
  // Whole JSON numbers only: a cast to HUGEINT alone read 980.4 as 980, true as 1 and "12" as 12.
  const whole = `list_bool_and(list_transform(${amounts}, amount -> json_type(amount) in ('UBIGINT', 'BIGINT')))`;
  return `(case when json_type(${list}) = 'ARRAY' then
             case when json_array_length(${list}) = 0 then 0
                  when len(${amounts}) = json_array_length(${list}) and ${whole}
                  then list_sum(${amounts}::HUGEINT[]) end end)`;
}

/**
 * The text a `discount_amounts` or `tax_amounts` cell that is no list of whole amounts shows in the
 * quarantine reason, the column's name first (the reason shortens a long value at its end); NULL for a good list, an empty cell or JSON null (which read as
 * no list). Without it the amount it takes part in reached the contract empty: `missing_required`, with a
 * reason about the vendor's amount, which was fine.
 */
export function notAmountList(text: string, name: string): string {
  return `(case when ${text} is not null and coalesce(json_type(${validJson(text)}) <> 'NULL', true)
             and ${listAmountSum(text)} is null
           then '${name} ' || ${text} || ': not a list of whole amounts in minor units' end)`;
}

/**
 * SQL: one row per `id` of `relation`: `columns` (name → SQL) taken from the row with the smallest `key`
 * (or the largest, `pick: 'max'`). An aggregate rather than `row_number() … = 1`, which DuckDB 1.5's
 * top-n window optimizer fails an assertion on inside these derivations.
 */
export function onePerId(
  relation: string,
  columns: Readonly<Record<string, string>>,
  key: string,
  pick: 'min' | 'max' = 'min',
): string {
  const fields = Object.entries(columns).map(([name, value]) => `'${name}': ${value}`);
  return `select id, unnest(picked) from (
    select id, arg_${pick}({${fields.join(', ')}}, ${key}) as picked from ${relation} group by id
  )`;
}
