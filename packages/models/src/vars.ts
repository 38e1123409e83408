import { type ModelWarehouse, PulseError, type ResolveVarsContext } from '@pulse/core';
import { DEFAULT_HEALTH_WEIGHTS, type PulseConfig, type PulseVars } from './config.js';
import { reportingCurrencyWarning } from './reporting-currency-check.js';
import { varsWarnings } from './vars-warnings.js';

export class AsOfError extends PulseError {
  override readonly name = 'AsOfError';
}

/**
 * G2: as_of is the config value, else the latest date found in the data's event-like columns (never a
 * future subscription end_date). Read from the validated `raw` tables, before any as_of filtering.
 */
export async function resolveVars(
  warehouse: ModelWarehouse,
  config: PulseConfig,
  context: ResolveVarsContext = {},
): Promise<PulseVars> {
  const ingested = context.ingest?.sources;
  const vars: PulseVars = {
    reportingCurrency: config.reporting_currency,
    asOf: config.as_of ?? (await latestDateInData(warehouse)),
    valueEvents: config.value_events,
    grossMargin: config.gross_margin,
    renewalGraceDays: config.renewal_grace_days,
    healthWeights: { ...DEFAULT_HEALTH_WEIGHTS, ...config.health_weights },
    accountPagesTopN: config.account_pages_top_n,
    accountPagesMax: config.account_pages_max,
    // Only when set: a build without it keeps the vars (and their fingerprint) it had before the key existed.
    ...(config.min_group_size != null ? { minGroupSize: config.min_group_size } : {}),
    // G3 tells a missing optional source (empty marts, NULL components) from a present but empty one (zeros).
    ...(ingested
      ? { presentSources: ingested.filter((source) => source.present !== false).map((s) => s.name) }
      : {}),
  };
  if (context.onWarning) {
    // Only for a build (it has just ingested): `pulse test` and `ls` read a warehouse already judged.
    const currency =
      context.ingest &&
      (await reportingCurrencyWarning(warehouse, config.reporting_currency, context.ingest));
    if (currency) context.onWarning(currency);
    for (const warning of await varsWarnings(warehouse, config, vars)) context.onWarning(warning);
  }
  return vars;
}

async function latestDateInData(warehouse: ModelWarehouse): Promise<string> {
  const [row] = await warehouse.query<{ as_of: string | null }>(`
    select greatest(
      (select max(created_at)::date from raw.accounts),
      (select max(start_date) from raw.subscriptions),
      (select max(issued_at)::date from raw.invoices),
      (select max(occurred_at)::date from raw.events),
      (select max(created_at)::date from raw.tickets),
      (select max(responded_at)::date from raw.survey_responses)
    ) as as_of`);
  if (!row?.as_of) {
    throw new AsOfError(
      'Cannot infer as_of: the data holds no dates (are the accounts and subscriptions files empty?). ' +
        'Set "as_of" in pulse.config.json.',
    );
  }
  return row.as_of;
}
