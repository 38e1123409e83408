import type { Channel } from './account-profile.js';
import { daysInMonth, formatDay, formatMonth, monthOfYear } from './calendar.js';
import { Random, Stream } from './random.js';
import { SPEND } from './source-tables.js';
import type { TextSink } from './text-sink.js';
import type { Timeline } from './timeline.js';

type SpendChannel = Channel | 'events';

interface ChannelBudget {
  /** Monthly spend that does not depend on results, for a 500-account business. */
  readonly fixed: number;
  /** Spend per new paying account won in the month (USD). */
  readonly perNewAccount: number;
  readonly salesShare: number;
  readonly currency: 'USD' | 'EUR';
}

/** `events` (trade shows) has spend but no account ever names it: its CAC has no new accounts. */
const BUDGETS: Record<SpendChannel, ChannelBudget> = {
  organic: { fixed: 1500, perNewAccount: 150, salesShare: 0, currency: 'USD' },
  paid_search: { fixed: 800, perNewAccount: 650, salesShare: 0.15, currency: 'USD' },
  partner: { fixed: 500, perNewAccount: 450, salesShare: 0.3, currency: 'EUR' },
  outbound: { fixed: 2500, perNewAccount: 1800, salesShare: 0.8, currency: 'USD' },
  events: { fixed: 0, perNewAccount: 0, salesShare: 0.2, currency: 'USD' },
};
const TRADE_SHOW_MONTHS = new Set([2, 5, 9]);
const TRADE_SHOW_COST = 12_000;
const EUR_PER_USD = 0.92;

/** Counts of new paying accounts per (month index, channel), filled while the accounts are written. */
export class NewAccountCounter {
  readonly #counts = new Map<string, number>();

  add(monthIndex: number, channel: Channel): void {
    const key = `${monthIndex}|${channel}`;
    this.#counts.set(key, (this.#counts.get(key) ?? 0) + 1);
  }

  get(monthIndex: number, channel: SpendChannel): number {
    return this.#counts.get(`${monthIndex}|${channel}`) ?? 0;
  }
}

/**
 * Monthly marketing and sales spend per channel: a fixed budget plus a cost per account won, with noise.
 * The partial last month has spent only its elapsed share. One month carries full dates in `month` (the
 * contract accepts a date and uses its month).
 */
export async function writeSpend(
  sink: TextSink,
  timeline: Timeline,
  seed: number,
  accounts: number,
  won: NewAccountCounter,
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
          : budget.fixed * scale + budget.perNewAccount * won.get(monthIndex, channel);
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
