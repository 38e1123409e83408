import { dateValue } from '@pulse/core';
import type { Expression, ExpressionBuilder } from 'kysely';

/**
 * G7 in the staging models: a stg_fx_rates row applies on `day` when it is the latest rate dated on or
 * before it (`fx.date <= day and (fx.valid_until is null or day < fx.valid_until)`), for the alias `fx`.
 * Written without the `or` (the latest rate's open end is a far date): with it, DuckDB joined by a nested
 * loop (stg_invoices at L 2.8 s, 5.4 CPU-s); without it, by currency in a hash join (0.56 s).
 */
/** Later than any day in the data: the end of the latest rate, which has none. */
const OPEN_END = '9999-12-31';

export function fxRateAppliesOn<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  fx: { date: Expression<string>; validUntil: Expression<string | null> },
  day: Expression<string>,
) {
  return eb.and([eb(fx.date, '<=', day), eb(day, '<', eb.fn.coalesce(fx.validUntil, dateValue(OPEN_END)))]);
}

/**
 * G7: units of the reporting currency per unit of `currency`: 1 for the reporting currency itself (its
 * rows are left out of stg_fx_rates), else the rate found. The configured code is compared upper-cased.
 */
export function rateToReporting<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  currency: Expression<string>,
  rate: Expression<number | null>,
  reportingCurrency: string,
) {
  return eb
    .case()
    .when(currency, '=', reportingCurrencyCode(eb, reportingCurrency))
    .then(eb.lit(1))
    .else(rate)
    .end();
}

/** `upper($1)`: the configured reporting currency as the upper-case ISO code the data holds. */
export function reportingCurrencyCode<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  reportingCurrency: string,
): Expression<string> {
  return eb.fn<string>('upper', [eb.val(reportingCurrency)]);
}
