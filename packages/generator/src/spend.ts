import type { Channel, Currency } from './account-profile.js';
import { daysInMonth, formatDay, formatMonth, monthOfYear } from './calendar.js';
import type { Period } from './period-log.js';
import { INTERVAL_MONTHS } from './pricing.js';
import { Random, Stream } from './random.js';
import { SPEND } from './source-tables.js';
import type { TextSink } from './text-sink.js';
import type { Timeline } from './timeline.js';

type SpendChannel = Channel | 'events';

interface ChannelBudget {
  /** Monthly spend that does not depend on results, for a 500-account business (USD). */
  readonly fixed: number;
  /**
   * Spend per USD of new MRR won in the month. With an 80% gross margin this is 0.8 × the channel's typical
   * CAC payback in months: cheap organic, expensive outbound.
   */
  readonly perNewMrr: number;
  readonly salesShare: number;
  readonly currency: 'USD' | 'EUR';
}

/** `events` (trade shows) has spend but no account ever names it: its CAC has no new accounts. */
const BUDGETS: Record<SpendChannel, ChannelBudget> = {
  organic: { fixed: 1500, perNewMrr: 2.4, salesShare: 0, currency: 'USD' },
  paid_search: { fixed: 800, perNewMrr: 8, salesShare: 0.15, currency: 'USD' },
  partner: { fixed: 500, perNewMrr: 5.6, salesShare: 0.3, currency: 'EUR' },
  outbound: { fixed: 2500, perNewMrr: 11.2, salesShare: 0.8, currency: 'USD' },
  events: { fixed: 0, perNewMrr: 0, salesShare: 0.2, currency: 'USD' },
};
const TRADE_SHOW_MONTHS = new Set([2, 5, 9]);
const TRADE_SHOW_COST = 12_000;
const EUR_PER_USD = 0.92;

/** Rough USD value of a unit of each currency, for budgeting only (the data's own rates are in fx_rates). */
const BUDGET_USD_RATE: Record<Currency, number> = { USD: 1, EUR: 1.08, GBP: 1.27 };

/** New MRR won per (month index, channel) in USD, filled while the accounts are written. */
export class NewBusinessLedger {
  readonly #mrr = new Map<string, number>();

  add(monthIndex: number, channel: Channel, firstPeriod: Period): void {
    const key = `${monthIndex}|${channel}`;
    const mrr =
      (firstPeriod.amount / INTERVAL_MONTHS[firstPeriod.interval]) * BUDGET_USD_RATE[firstPeriod.currency];
    this.#mrr.set(key, (this.#mrr.get(key) ?? 0) + mrr);
  }

  newMrr(monthIndex: number, channel: SpendChannel): number {
    return this.#mrr.get(`${monthIndex}|${channel}`) ?? 0;
  }
}

/**
 * Monthly marketing and sales spend per channel: a fixed budget plus a cost in proportion to the business
 * won, with noise, so CAC payback lands between a few months (organic) and a year and a half (outbound).
 * The partial last month has spent only its elapsed share. One month carries full dates in `month` (the
 * contract accepts a date and uses its month).
 */
export async function writeSpend(
  sink: TextSink,
  timeline: Timeline,
  seed: number,
  accounts: number,
  won: NewBusinessLedger,
): Promise<number> {
  const random = new Random(seed, Stream.spend);
  const scale = accounts / 500;
  const dateMonth = Math.min(2, timeline.monthStarts.length - 1);
  let rows = 0;
  await sink.write(SPEND.header);
  for (const [monthIndex, start] of timeline.monthStarts.entries()) {
    const elapsed = Math.min(1, (timeline.lastDay - start + 1) / daysInMonth(start));
    for (const channel of Object.keys(BUDGETS) as SpendChannel[]) {
      const budget = BUDGETS[channel];
      const base =
        channel === 'events'
          ? TRADE_SHOW_MONTHS.has(monthOfYear(start))
            ? TRADE_SHOW_COST * Math.sqrt(scale)
            : 0
          : budget.fixed * scale + budget.perNewMrr * won.newMrr(monthIndex, channel);
      const total = base * random.between(0.8, 1.2) * elapsed * (budget.currency === 'EUR' ? EUR_PER_USD : 1);
      for (const category of ['marketing', 'sales'] as const) {
        const amount = total * (category === 'sales' ? budget.salesShare : 1 - budget.salesShare);
        if (amount <= 0) continue;
        let month = formatMonth(start);
        if (monthIndex === dateMonth && channel === 'organic') month = formatDay(start);
        if (monthIndex === dateMonth && channel === 'paid_search' && category === 'marketing') {
          month = formatDay(start + 14);
        }
        await sink.write(
          SPEND.row({ channel, category, month, currency: budget.currency, amount: amount.toFixed(2) }),
        );
        rows++;
      }
    }
  }
  return rows;
}
