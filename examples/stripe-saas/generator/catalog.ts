// Ledgerly's price list as it stands in Stripe: three plans, one per-seat add-on and a weekly pilot
// price that Pulse cannot turn into MRR (a week is not a billing interval of the contract).

export type Currency = 'usd' | 'eur' | 'jpy';

export interface Product {
  readonly key: string;
  readonly name: string;
  readonly description: string;
}

export interface Price {
  readonly key: string;
  readonly product: string;
  readonly nickname: string;
  readonly currency: Currency;
  readonly interval: 'week' | 'month' | 'year';
  readonly intervalCount: number;
  /** In the currency's smallest unit (cents, or yen). */
  readonly unitAmount: number;
}

export const PRODUCTS: readonly Product[] = [
  { key: 'starter', name: 'Starter', description: 'Invoice capture and approvals for small finance teams' },
  { key: 'growth', name: 'Growth', description: 'Approval workflows, payment runs and ERP sync' },
  { key: 'scale', name: 'Scale', description: 'Multi-entity AP automation with SSO and audit trail' },
  { key: 'reporting', name: 'Advanced Reporting', description: 'Spend analytics add-on, per seat' },
  { key: 'pilot', name: 'Pilot', description: 'Paid proof of concept, billed weekly' },
];

export const PRICES: readonly Price[] = [
  price('starter_usd_month', 'starter', 'Starter monthly USD', 'usd', 'month', 1, 4_900),
  price('starter_eur_month', 'starter', 'Starter monthly EUR', 'eur', 'month', 1, 4_500),
  price('growth_usd_month', 'growth', 'Growth monthly USD', 'usd', 'month', 1, 19_900),
  price('growth_eur_month', 'growth', 'Growth monthly EUR', 'eur', 'month', 1, 18_500),
  price('growth_jpy_month', 'growth', 'Growth monthly JPY', 'jpy', 'month', 1, 29_800),
  price('growth_usd_quarter', 'growth', 'Growth quarterly USD', 'usd', 'month', 3, 53_700),
  price('scale_usd_year', 'scale', 'Scale annual USD', 'usd', 'year', 1, 480_000),
  price('scale_eur_year', 'scale', 'Scale annual EUR', 'eur', 'year', 1, 450_000),
  price('scale_jpy_year', 'scale', 'Scale annual JPY', 'jpy', 'year', 1, 720_000),
  price('reporting_usd_month', 'reporting', 'Reporting seat USD', 'usd', 'month', 1, 1_500),
  price('reporting_eur_month', 'reporting', 'Reporting seat EUR', 'eur', 'month', 1, 1_400),
  price('pilot_usd_week', 'pilot', 'Pilot weekly USD', 'usd', 'week', 1, 9_900),
];

function price(
  key: string,
  product: string,
  nickname: string,
  currency: Currency,
  interval: Price['interval'],
  intervalCount: number,
  unitAmount: number,
): Price {
  return { key, product, nickname, currency, interval, intervalCount, unitAmount };
}

export function priceOf(key: string): Price {
  const found = PRICES.find((p) => p.key === key);
  if (!found) throw new Error(`unknown price ${key}`);
  return found;
}

export function productOf(key: string): Product {
  const found = PRODUCTS.find((p) => p.key === key);
  if (!found) throw new Error(`unknown product ${key}`);
  return found;
}

/** Months in one billing cycle of a price (a week is not a whole number of months: null). */
export function cycleMonths(p: Price): number | null {
  if (p.interval === 'month') return p.intervalCount;
  if (p.interval === 'year') return 12 * p.intervalCount;
  return null;
}

/** Digits after the decimal point of a currency (ISO 4217): the yen has none. */
export function minorDigits(currency: Currency): number {
  return currency === 'jpy' ? 0 : 2;
}
