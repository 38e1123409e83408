import type { fxRatesSource } from '@pulse/models';
import { type Day, formatDay, isWeekend } from './calendar.js';
import type { ColumnOf } from './csv-table.js';
import { Random, Stream } from './random.js';
import type { TextSink } from './text-sink.js';
import type { Timeline } from './timeline.js';

type FxColumn = ColumnOf<typeof fxRatesSource>;

/** Reference rates in USD per unit; daily log-returns with this volatility, pulled back towards the anchor. */
const CURRENCIES = [
  { code: 'EUR', anchor: 1.08, volatility: 0.004 },
  { code: 'GBP', anchor: 1.27, volatility: 0.0045 },
] as const;
const MEAN_REVERSION = 0.01;
/** Rates start a week before the first day, so the first days (a weekend, say) already have one. */
const LEAD_DAYS = 7;

/**
 * Writes fx_rates as JSON lines: one rate per currency and business day (weekends have none, so a Saturday
 * converts at Friday's rate, the latest on or before it). A few codes are lower-case, as some feeds write them.
 */
export async function writeFxRates(sink: TextSink, timeline: Timeline, seed: number): Promise<number> {
  const random = new Random(seed, Stream.fx);
  const logRates = CURRENCIES.map(({ anchor }) => Math.log(anchor));
  let rows = 0;
  for (let day: Day = timeline.firstDay - LEAD_DAYS; day <= timeline.lastDay; day++) {
    if (isWeekend(day)) continue;
    for (const [i, { code, anchor, volatility }] of CURRENCIES.entries()) {
      const drift = MEAN_REVERSION * (Math.log(anchor) - logRates[i]!);
      logRates[i] = logRates[i]! + drift + volatility * random.normal();
      const rate = Number(Math.exp(logRates[i]!).toFixed(6));
      const written = code === 'GBP' && formatDay(day).endsWith('-01') ? code.toLowerCase() : code;
      // The keys are the source's columns (a renamed column fails to compile here), in contract order.
      const record = { date: formatDay(day), currency: written, rate } satisfies Record<FxColumn, unknown>;
      await sink.write(`${JSON.stringify(record)}\n`);
      rows++;
    }
  }
  return rows;
}
