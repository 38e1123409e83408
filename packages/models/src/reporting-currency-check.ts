import { closestMatch, type IngestOutcome, type ModelWarehouse } from '@pulse/core';

/** The sources with money in a currency (and fx_rates, whose currencies have a rate). */
const MONEY_SOURCES = ['subscriptions', 'invoices', 'spend'] as const;

/**
 * A reporting_currency that is a real ISO 4217 code (the config schema refuses any other) but not the one
 * meant ("EUR" for USD data) makes every row in the real currency a `no_fx_rate` row. The contract says
 * such rows are quarantined and the build goes on, so it does; this says why so many rows were, when the
 * currency appears in no money row (loaded or quarantined) and no fx rate while rows were quarantined for
 * lack of a rate. Undefined when all is well.
 */
export async function reportingCurrencyWarning(
  warehouse: ModelWarehouse,
  currency: string,
  ingest: IngestOutcome,
): Promise<string | undefined> {
  const noRate = ingest.sources
    .filter((source) => (MONEY_SOURCES as readonly string[]).includes(source.name))
    .reduce((sum, source) => sum + (source.quarantineByReason.no_fx_rate ?? 0), 0);
  if (noRate === 0) return undefined;
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
  if (known.includes(currency)) return undefined;
  const near = closestMatch(currency, known);
  return (
    `reporting_currency "${currency}" appears in no subscription, invoice or spend row and has no fx rate, ` +
    `and ${noRate} money ${noRate === 1 ? 'row was' : 'rows were'} quarantined as no_fx_rate` +
    `${near ? ` (did you mean "${near}"?)` : ''}. The currencies in the data and fx_rates: ${known.join(', ')}. ` +
    `If "${currency}" is right, add fx_rates rows for the missing currencies; else fix reporting_currency in pulse.config.json.`
  );
}
