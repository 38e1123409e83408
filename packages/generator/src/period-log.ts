import type { Currency } from './account-profile.js';
import type { Day } from './calendar.js';
import type { BillingInterval } from './pricing.js';

/** One subscription period at a constant price, as the subscriptions source holds it. */
export interface Period {
  readonly subscriptionId: string;
  readonly plan: string;
  readonly interval: BillingInterval;
  readonly seats: number;
  readonly amount: number;
  readonly currency: Currency;
  readonly start: Day;
  /** Exclusive; null = still in force. May lie after the data's end (a scheduled cancellation). */
  readonly end: Day | null;
  readonly isTrial: boolean;
  /** Billing cycles start at anchor + k intervals; a mid-term change keeps its anchor. */
  readonly anchor: Day;
  /** The add-on is a second subscription next to the product one. */
  readonly isAddon: boolean;
}

export type PeriodTerms = Omit<Period, 'end'>;

type Draft = { -readonly [K in keyof Period]: Period[K] };

/**
 * Builds the periods of an account's subscriptions. Each subscription has at most one open period; a change
 * closes it on the change day and opens the next on the same day, so periods never overlap or leave gaps.
 */
export class PeriodLog {
  readonly #periods: Draft[] = [];
  readonly #open = new Map<string, Draft>();

  open(terms: PeriodTerms): void {
    if (this.#open.has(terms.subscriptionId)) this.close(terms.subscriptionId, terms.start);
    const period: Draft = { ...terms, end: null };
    this.#periods.push(period);
    this.#open.set(terms.subscriptionId, period);
  }

  /** Ends the subscription's open period on `day` (exclusive); a period is never empty. */
  close(subscriptionId: string, day: Day): void {
    const period = this.#open.get(subscriptionId);
    if (!period) return;
    if (day <= period.start) throw new RangeError(`period of ${subscriptionId} would end before it starts`);
    period.end = day;
    this.#open.delete(subscriptionId);
  }

  openPeriod(subscriptionId: string): Period | undefined {
    return this.#open.get(subscriptionId);
  }

  get periods(): readonly Period[] {
    return this.#periods;
  }
}
