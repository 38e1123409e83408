import type { Currency } from './account-profile.js';

export type BillingInterval = 'month' | 'quarter' | 'year';

/** Cheapest first: an upgrade moves one step right. */
export const PLAN_LADDER = ['starter', 'growth', 'pro', 'enterprise'] as const;
export type Plan = (typeof PLAN_LADDER)[number];
export const ADDON_PLAN = 'analytics_addon';

export const INTERVAL_MONTHS: Record<BillingInterval, number> = { month: 1, quarter: 3, year: 12 };

/** List price per seat and month, in USD, before and after the price increase. */
const PER_SEAT: Record<Plan, readonly [number, number]> = {
  starter: [19, 21],
  growth: [39, 43],
  pro: [69, 69],
  enterprise: [99, 99],
};

/** Longer commitments are cheaper: a quarter is 5% off, a year has two months free. */
const INTERVAL_PRICE_MONTHS: Record<BillingInterval, number> = { month: 1, quarter: 2.85, year: 10 };

/** Local list prices are set per market, not converted daily. */
const CURRENCY_FACTOR: Record<Currency, number> = { USD: 1, EUR: 0.92, GBP: 0.79 };

export interface PriceInput {
  readonly plan: Plan;
  readonly interval: BillingInterval;
  readonly seats: number;
  readonly currency: Currency;
  /** Negotiated multiplier (1 = list price). */
  readonly discount: number;
  readonly newPriceList: boolean;
}

export function roundMoney(amount: number): number {
  return Math.round(amount * 100) / 100;
}

/** The recurring charge per billing interval, in the account's currency. */
export function priceOf(input: PriceInput): number {
  const perSeat = PER_SEAT[input.plan][input.newPriceList ? 1 : 0];
  return roundMoney(
    perSeat *
      input.seats *
      INTERVAL_PRICE_MONTHS[input.interval] *
      CURRENCY_FACTOR[input.currency] *
      input.discount,
  );
}

export function addonPrice(currency: Currency, large: boolean): number {
  return roundMoney((large ? 349 : 149) * CURRENCY_FACTOR[currency]);
}
