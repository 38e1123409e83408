import type { AccountProfile, Segment } from './account-profile.js';
import type { Day } from './calendar.js';
import { type BillingInterval, PLAN_LADDER, type Plan } from './pricing.js';
import type { Random } from './random.js';
import type { Timeline } from './timeline.js';

/** What an account buys for one period; its price follows from these and the account's currency. */
export interface ContractTerms {
  readonly plan: Plan;
  readonly interval: BillingInterval;
  readonly seats: number;
  /** Negotiated multiplier (1 = list price). */
  readonly discount: number;
  readonly newPriceList: boolean;
}

/** Monthly logo-churn hazard of an account with average usage. */
const BASE_CHURN: Record<Segment | 'unknown', number> = {
  smb: 0.045,
  mid_market: 0.025,
  enterprise: 0.012,
  unknown: 0.045,
};

/** Chance to churn at a renewal `months` after the last one; low usage multiplies the hazard up to ~3×. */
export function churnProbability(profile: AccountProfile, months: number): number {
  const hazard = BASE_CHURN[profile.segment ?? 'unknown'] * (0.35 + 2.8 * (1 - profile.intensity) ** 2);
  return 1 - (1 - hazard) ** months;
}

export function initialTerms(
  random: Random,
  profile: AccountProfile,
  timeline: Timeline,
  day: Day,
): ContractTerms {
  const segment = profile.segment;
  const plan =
    segment === 'enterprise'
      ? random.weighted({ pro: 30, enterprise: 70 })
      : segment === 'mid_market'
        ? random.weighted({ growth: 45, pro: 50, enterprise: 5 })
        : random.weighted({ starter: 58, growth: 36, pro: 6 });
  const interval =
    segment === 'enterprise'
      ? random.weighted({ quarter: 15, year: 85 })
      : segment === 'mid_market'
        ? random.weighted({ month: 40, quarter: 30, year: 30 })
        : random.weighted({ month: 85, year: 15 });
  const discount =
    segment === 'enterprise'
      ? Math.round(random.between(0.7, 0.95) * 20) / 20
      : segment === 'mid_market' && random.chance(0.3)
        ? 0.9
        : 1;
  return {
    plan,
    interval,
    seats: profile.initialSeats,
    discount,
    newPriceList: day >= timeline.priceIncreaseDay,
  };
}

/**
 * What changes at a renewal `months` after the last: plan up (heavy users) or down (light users), seats up
 * or down, a switch to annual billing, and the new price list once it applies.
 */
export function renewedTerms(
  random: Random,
  profile: AccountProfile,
  timeline: Timeline,
  terms: ContractTerms,
  day: Day,
  months: number,
): ContractTerms {
  const intensity = profile.intensity;
  const rank = PLAN_LADDER.indexOf(terms.plan);
  let { plan, seats, interval } = terms;
  const roll = random.next();
  const upgrade = 0.025 * months * intensity;
  if (roll < upgrade && rank < PLAN_LADDER.length - 1) plan = PLAN_LADDER[rank + 1]!;
  else if (roll < upgrade + 0.015 * months * (1 - intensity) && rank > 0) plan = PLAN_LADDER[rank - 1]!;
  if (random.chance(Math.min(0.6, 0.06 * months ** 0.8 * intensity))) {
    seats += Math.max(1, Math.round(seats * random.between(0.1, 0.4)));
  } else if (seats > 1 && random.chance(0.035 * months ** 0.8 * (1 - intensity))) {
    seats = Math.max(1, seats - Math.max(1, Math.round(seats * random.between(0.1, 0.3))));
  }
  if (interval === 'month' && random.chance(0.015)) interval = 'year';
  return { ...terms, plan, seats, interval, newPriceList: day >= timeline.priceIncreaseDay };
}
