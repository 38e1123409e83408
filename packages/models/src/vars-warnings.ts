import type { ModelWarehouse } from '@pulse/core';
import type { PulseConfig, PulseVars } from './config.js';

/**
 * Settings the spec allows but that are almost surely a mistake: the build goes on (the marts follow the
 * spec), and says what the setting does. Returns the warnings in plain words, none when all is well.
 * `today` is the machine's day in UTC (YYYY-MM-DD); a parameter so tests can pin it.
 */
export async function varsWarnings(
  warehouse: ModelWarehouse,
  config: PulseConfig,
  vars: PulseVars,
  today: string = new Date().toISOString().slice(0, 10),
): Promise<string[]> {
  const warnings: string[] = [];
  if (config.as_of != null) warnings.push(...(await pinnedAsOfWarnings(warehouse, config.as_of, today)));
  const weights = Object.values(vars.healthWeights);
  if (weights.every((weight) => weight === 0)) {
    warnings.push(
      'every health weight is 0 (health_weights in pulse.config.json), so every health score and band is ' +
        'empty: give at least one of engagement, usage_trend, sentiment, support, financial a weight above 0.',
    );
  }
  return warnings;
}

const UNPIN = 'Remove "as_of" from pulse.config.json to use the latest date in the data';

async function pinnedAsOfWarnings(warehouse: ModelWarehouse, asOf: string, today: string): Promise<string[]> {
  const warnings: string[] = [];
  if (asOf > today) {
    warnings.push(
      `as_of ${asOf} is after today (${today}): the months up to it are built as if nothing more will ` +
        'happen (subscriptions stay active, no new invoice, event or ticket). ' +
        `${UNPIN}, or pin a past day.`,
    );
  }
  // Accounts created after as_of do not exist (G2): before the first account, every mart is empty. Only
  // the accounts table is read, small at any scale, so a nightly refresh pays next to nothing.
  const [row] = await warehouse.query<{ first: string | null }>(
    'select cast(cast(min(created_at) as date) as varchar) as first from raw.accounts',
  );
  if (row?.first && asOf < row.first) {
    warnings.push(
      `as_of ${asOf} is before the first account was created (${row.first}): no account exists by then, ` +
        `so every mart is empty. ${UNPIN}, or pin a later day.`,
    );
  }
  return warnings;
}
