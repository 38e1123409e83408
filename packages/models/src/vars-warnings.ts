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
  else if (vars.asOf > today) warnings.push(await inferredAsOfWarning(warehouse, vars.asOf, today));
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

/** The dated columns as_of is inferred from (G2, vars.ts latestDateInData), in its order. */
const AS_OF_COLUMNS = [
  ['accounts', 'created_at'],
  ['subscriptions', 'start_date'],
  ['invoices', 'issued_at'],
  ['events', 'occurred_at'],
  ['tickets', 'created_at'],
  ['survey_responses', 'responded_at'],
] as const;

/**
 * An inferred as_of after today: one row dated in the future (a placeholder such as 9999-12-31, a typo of
 * the year) moves every report to that month, where months after today look quiet. The spec still takes
 * it (G2); the warning names the row. Read only in that case, so a normal build pays nothing.
 */
async function inferredAsOfWarning(warehouse: ModelWarehouse, asOf: string, today: string): Promise<string> {
  const dated = AS_OF_COLUMNS.map(
    ([source, column], order) =>
      `select ${order} as o, '${source}.${column}' as dated, _file, _line from raw.${source}
       where cast(${column} as date) = cast('${asOf}' as date)`,
  ).join(' union all ');
  const [row] = await warehouse.query<{ dated: string; _file: string; _line: number }>(
    `select dated, _file, _line from (${dated}) as dated_rows order by o, _file, _line limit 1`,
  );
  const where = row ? ` (${row.dated}, ${row._file}:${row._line})` : '';
  return (
    `as_of was inferred as ${asOf}, the latest date in the data${where}, which is after today (${today}): ` +
    'every report runs to that month as if nothing more will happen. If that date is a placeholder or a ' +
    'typo, fix the row; else pin "as_of" in pulse.config.json.'
  );
}

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
