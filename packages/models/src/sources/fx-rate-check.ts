import { currentSqlEngine, isoDateText, type RowCheck, sqlString } from '@pulse/core';
import { DEFAULT_REPORTING_CURRENCY, type SourceConfig } from './source-config.js';

/** The reporting currency of a config that may not have been through zod yet. */
export function reportingCurrencyOf(config: SourceConfig | undefined): string {
  return (config?.reporting_currency ?? DEFAULT_REPORTING_CURRENCY).toUpperCase();
}

type ColumnRef = (name: string) => string;

/**
 * `no_fx_rate`: money in a currency other than the reporting one needs a rate of that currency dated on or
 * before the date the contract converts at (`dateOf` builds it from a column reference).
 * Reads the already ingested `fx_rates`, so only valid rate rows count.
 */
export function noFxRateCheck(
  dateOf: (column: ColumnRef) => string,
  dateLabel: string,
): RowCheck<SourceConfig> {
  const bare: ColumnRef = (name) => `"${name}"`;
  return {
    reasonCode: 'no_fx_rate',
    column: 'currency',
    description: `A currency other than the reporting currency needs an fx rate on or before the ${dateLabel}.`,
    reads: ['fx_rates'],
    // "No rate dated on or before the date" is "the currency's earliest rate is later than the date, or it
    // has none". Without a date (empty, or not a date: its own problem, reported at its column) only a
    // currency with no rate at all is known to have none; one with rates may well have one for the date.
    // Written as `not exists (… fx.date <= date)`, DuckDB joined every invoice with every earlier rate of
    // its currency (52 s for 550k invoices); the earliest rate per currency is one small aggregate and an
    // equality join. On DuckDB the earliest dates are one map, built once and read by key: the correlated
    // subquery was decorrelated into a delim join that hashed every row's currency (0.4 s of 536k
    // invoices' 0.7 s).
    failsWhen: ({ config, rawTable, column }) => {
      const earliest =
        currentSqlEngine() === 'postgres'
          ? `(select min(fx.date) from ${rawTable('fx_rates')} fx where fx.currency = ${column('currency')})`
          : `(select map(list(currency), list(earliest)) from (
               select currency, min(date) as earliest from ${rawTable('fx_rates')} group by currency
             ))[${column('currency')}]`;
      return `${column('currency')} <> ${sqlString(reportingCurrencyOf(config))} and (case
        when ${dateOf(column)} is null then ${earliest} is null
        else not coalesce(${earliest} <= ${dateOf(column)}, false) end)`;
    },
    reason: ({ config }) =>
      `'no fx rate for ' || currency || coalesce(' on or before ' || ${isoDateText(dateOf(bare))} ||
       ' (the ${dateLabel})', ' at all') || ': add a rate to fx_rates or use ' || ${sqlString(reportingCurrencyOf(config))}`,
  };
}
