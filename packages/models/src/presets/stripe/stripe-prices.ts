import type { PresetSqlContext } from '@pulse/core';
import { jsonField, minorUnits, onePerId, refId, wholeCount } from './stripe-values.js';

/**
 * SQL: one row per price id from `price` and the legacy `plan` table (a price row wins over a plan row
 * of the same id; within a table the first row in file order), with `price_interval`, `price_interval_count`,
 * `unit_amount` (minor units, HUGEINT), `nickname` and `product_name` (from `product`, when exported).
 * Airbyte's `recurring` object stands in for the flattened `recurring_interval[_count]` columns.
 */
export function pricesSql({ table }: PresetSqlContext): string {
  const prices = `select id, 0 as priority, _order, nickname, ${refId('product')} as product,
           lower(coalesce(recurring_interval, ${jsonField('recurring', 'interval')})) as price_interval,
           coalesce(recurring_interval_count, ${jsonField('recurring', 'interval_count')}) as price_interval_count,
           ${minorUnits('unit_amount')} as unit_amount
    from ${table('price')}
    union all
    select id, 1, _order, nickname, ${refId('product')}, lower("interval"),
           interval_count, ${minorUnits('amount')}
    from ${table('plan')}`;
  const columns = ['price_interval', 'price_interval_count', 'unit_amount', 'nickname', 'product'];
  return `select p.*, pr.name as product_name from (
  ${onePerId(`(${prices})`, Object.fromEntries(columns.map((column) => [column, column])), 'struct_pack(p := priority, o := _order)')}
) p left join (
  ${onePerId(table('product'), { name: 'name' }, '_order')}
) pr on pr.id = p.product`;
}

/**
 * SQL: the canonical billing interval of a price: month×1 → month, month×3 → quarter, year×1 or month×12 →
 * year. Any other (`week`, `2 month`, a count that is not a whole number such as `2.5 month` …) is written
 * as `<count> <interval>`, which the contract rejects as `unknown_value` with the price's own words; a
 * missing count is 1 (Stripe always sends one); a missing price is NULL (`missing_required`).
 */
export function billingIntervalSql(interval: string, count: string): string {
  // Not try_cast(… as INTEGER): DuckDB rounds '2.5' to 3 there, which made a 2.5-month price a quarter.
  const n = `coalesce(${wholeCount(count)}, case when ${count} is null then 1 end)`;
  return `case when ${interval} is null then NULL
    when ${interval} = 'month' and ${n} = 1 then 'month'
    when ${interval} = 'month' and ${n} = 3 then 'quarter'
    when (${interval} = 'year' and ${n} = 1) or (${interval} = 'month' and ${n} = 12) then 'year'
    else coalesce(${n}::VARCHAR, ${count}) || ' ' || ${interval} end`;
}
