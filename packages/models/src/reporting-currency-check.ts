import { ConfigError, closestMatch, type IngestOutcome, type ModelWarehouse } from '@pulse/core';

/** The sources with money in a currency (and fx_rates, whose currencies have a rate). */
const MONEY_SOURCES = ['subscriptions', 'invoices', 'spend'] as const;

/**
 * A reporting_currency that is a typo ("USX") makes every row in the real currency a `no_fx_rate` row:
 * the build would go on with the foreign rows only (or none) and exit 0. Judged after ingestion:
 * the currency appears in no money row (loaded or quarantined) and no fx rate, while rows were quarantined
 * for lack of a rate. A real reporting currency absent from the data (EUR rows, USD reports) passes as soon
 * as fx_rates covers the data, so the error always has a way out, which its message gives.
 */
export async function checkReportingCurrency(
  warehouse: ModelWarehouse,
  currency: string,
  ingest: IngestOutcome,
): Promise<void> {
  const noRate = ingest.sources
    .filter((source) => (MONEY_SOURCES as readonly string[]).includes(source.name))
    .reduce((sum, source) => sum + (source.quarantineByReason.no_fx_rate ?? 0), 0);
  if (noRate === 0) return;
  // The quarantined row's currency, from its JSON text (on the server when the build runs there).
  const currencyOfRaw =
    warehouse.engine === 'postgres' ? `(raw::json ->> 'currency')` : `json_extract_string(raw, '$.currency')`;
  const union = [
    ...[...MONEY_SOURCES, 'fx_rates'].map((source) => `select currency as c from raw.${source}`),
    ...MONEY_SOURCES.map((source) => `select upper(trim(${currencyOfRaw})) as c from quarantine.${source}`),
  ].join(' union ');
  const known = (
    await warehouse.query<{ c: string }>(
      `select c from (${union}) as currencies where c is not null order by c`,
    )
  ).map((row) => row.c);
  if (known.includes(currency)) return;
  const near = closestMatch(currency, known);
  throw new ConfigError(
    `reporting_currency "${currency}" appears in no subscription, invoice or spend row and has no fx rate, ` +
      `and ${noRate} money ${noRate === 1 ? 'row was' : 'rows were'} quarantined as no_fx_rate: probably a typo` +
      `${near ? ` (did you mean "${near}"?)` : ''}. The currencies in the data and fx_rates: ${known.join(', ')}. ` +
      `Fix reporting_currency in pulse.config.json; if "${currency}" is right, add fx_rates rows for the missing currencies.`,
  );
}
