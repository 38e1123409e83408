import { type AccountProfile, isForced } from './account-profile.js';
import { addMonths, type Day, dayOf, MS_PER_DAY, MS_PER_HOUR } from './calendar.js';
import { type ContractTerms, churnProbability, initialTerms, renewedTerms } from './contract-terms.js';
import { type Period, PeriodLog } from './period-log.js';
import { ADDON_PLAN, addonPrice, INTERVAL_MONTHS, PLAN_LADDER, priceOf } from './pricing.js';
import { Random, Stream } from './random.js';
import type { Timeline } from './timeline.js';

/** A stretch of time the account uses the product; usage fades before `endDay` when it churns then. */
export interface UsageStint {
  readonly start: number;
  /** Exclusive; `lastDay + 1` when still in use at the end of the data. */
  readonly endDay: Day;
  readonly churned: boolean;
}

export interface SeatStep {
  readonly day: Day;
  readonly seats: number;
}

/** What happens to an account over the window: its subscription periods and when it uses the product. */
export interface Lifecycle {
  readonly periods: readonly Period[];
  readonly stints: readonly UsageStint[];
  readonly seatSteps: readonly SeatStep[];
  /** Start of the first paid (non-trial) period: the month the account becomes `new`. */
  readonly firstPaidDay: Day | null;
}

const MAX_REACTIVATIONS = 2;

export function simulateLifecycle(profile: AccountProfile, timeline: Timeline, seed: number): Lifecycle {
  return new LifecycleSimulation(profile, timeline, seed).run();
}

class LifecycleSimulation {
  readonly #profile: AccountProfile;
  readonly #timeline: Timeline;
  readonly #random: Random;
  readonly #log = new PeriodLog();
  readonly #stints: UsageStint[] = [];
  readonly #seatSteps: SeatStep[] = [];
  #subscriptions = 0;
  #firstPaidDay: Day | null = null;
  #firstChurnDay: Day | null = null;

  constructor(profile: AccountProfile, timeline: Timeline, seed: number) {
    this.#profile = profile;
    this.#timeline = timeline;
    this.#random = new Random(seed, Stream.lifecycle, profile.index);
  }

  run(): Lifecycle {
    this.#simulateMain();
    this.#maybeAddon();
    return {
      periods: this.#log.periods,
      stints: this.#stints,
      seatSteps: this.#seatSteps,
      firstPaidDay: this.#firstPaidDay,
    };
  }

  #simulateMain(): void {
    const { createdAt, segment, index } = this.#profile;
    const random = this.#random;
    const lastDay = this.#timeline.lastDay;
    const signupDay = dayOf(createdAt);
    const trialShare = segment === 'enterprise' ? 25 : segment === 'mid_market' ? 50 : 65;
    const path = random.weighted({ trial: trialShare, direct: 95 - trialShare, browse: 5 });
    let terms = initialTerms(this.#random, this.#profile, this.#timeline, signupDay);
    if (path === 'browse') {
      this.#stints.push({ start: createdAt, endDay: signupDay + random.int(1, 10), churned: true });
      return;
    }
    let paidStart: Day;
    if (path === 'trial') {
      const trialEnd = signupDay + (segment === 'enterprise' ? 30 : 14);
      const pilot = random.chance(0.06) || isForced(index, 37, 9);
      const subscriptionId = this.#nextSubscriptionId();
      this.#open(subscriptionId, terms, signupDay, signupDay, { isTrial: true, pilot });
      this.#log.close(subscriptionId, trialEnd);
      const converts = random.chance(0.3 + 0.55 * this.#profile.intensity);
      if (trialEnd > lastDay || !converts) {
        const endDay = trialEnd > lastDay ? lastDay + 1 : trialEnd + random.int(0, 4);
        this.#stints.push({ start: createdAt, endDay, churned: trialEnd <= lastDay });
        return;
      }
      paidStart = trialEnd;
      this.#runPaid(subscriptionId, paidStart, terms, createdAt);
    } else {
      paidStart = signupDay + (segment === 'enterprise' ? random.int(3, 45) : random.int(0, 3));
      if (paidStart > lastDay) {
        this.#stints.push({ start: createdAt, endDay: lastDay + 1, churned: false });
        return;
      }
      this.#runPaid(this.#nextSubscriptionId(), paidStart, terms, createdAt);
    }
    for (let comebacks = 0; comebacks < MAX_REACTIVATIONS; comebacks++) {
      const churnDay = this.#stints[this.#stints.length - 1]!.churned
        ? this.#stints[this.#stints.length - 1]!.endDay
        : null;
      if (churnDay === null || !random.chance(0.1 + 0.25 * this.#profile.intensity)) return;
      const restart = addMonths(churnDay, random.int(2, 9)) + random.int(0, 20);
      if (restart > lastDay) return;
      terms = {
        plan: PLAN_LADDER[Math.max(0, PLAN_LADDER.indexOf(terms.plan) - random.int(0, 1))]!,
        interval: 'month',
        seats: Math.max(1, Math.round(terms.seats * random.between(0.5, 1))),
        discount: 1,
        newPriceList: restart >= this.#timeline.priceIncreaseDay,
      };
      const returnsAt = restart * MS_PER_DAY + Math.floor(random.between(13, 20) * MS_PER_HOUR);
      this.#runPaid(this.#nextSubscriptionId(), restart, terms, returnsAt);
    }
  }

  /** Bills `terms` from `start` cycle by cycle until churn or the end of the data; records the usage stint. */
  #runPaid(subscriptionId: string, start: Day, initial: ContractTerms, usageStart: number): void {
    const random = this.#random;
    const { lastDay } = this.#timeline;
    this.#firstPaidDay ??= start;
    let terms = initial;
    let anchor = start;
    let cycle = 1;
    this.#open(subscriptionId, terms, start, anchor);
    for (;;) {
      const months = INTERVAL_MONTHS[terms.interval];
      const cycleStart = addMonths(anchor, (cycle - 1) * months);
      const boundary = addMonths(anchor, cycle * months);
      if (months > 1 && random.chance(0.35 * this.#profile.intensity * (months / 12))) {
        // Seats added mid-term on a contract: new period, same billing anchor (true-up invoice).
        const midTerm = cycleStart + random.int(15, boundary - cycleStart - 15);
        if (midTerm <= lastDay) {
          terms = {
            ...terms,
            seats: terms.seats + Math.max(1, Math.round(terms.seats * random.between(0.1, 0.3))),
          };
          this.#open(subscriptionId, terms, midTerm, anchor);
        }
      }
      const churnChance = churnProbability(this.#profile, months);
      if (boundary > lastDay) {
        // A contract cancelled at the end of its term: the end_date is already known, and in the future.
        if (months > 1 && random.chance(churnChance * 0.5)) this.#log.close(subscriptionId, boundary);
        this.#stints.push({ start: usageStart, endDay: lastDay + 1, churned: false });
        return;
      }
      if (random.chance(churnChance)) {
        this.#log.close(subscriptionId, boundary);
        this.#firstChurnDay ??= boundary;
        this.#stints.push({ start: usageStart, endDay: boundary, churned: true });
        return;
      }
      const next = renewedTerms(this.#random, this.#profile, this.#timeline, terms, boundary, months);
      if (next.interval !== terms.interval) {
        anchor = boundary;
        cycle = 1;
      } else {
        cycle++;
      }
      if (
        this.#price(next) !== this.#price(terms) ||
        next.plan !== terms.plan ||
        next.interval !== terms.interval
      ) {
        this.#open(subscriptionId, next, boundary, anchor);
      }
      terms = next;
    }
  }

  #price(terms: ContractTerms): number {
    return priceOf({ ...terms, currency: this.#profile.currency });
  }

  #open(
    subscriptionId: string,
    terms: ContractTerms,
    start: Day,
    anchor: Day,
    trial: { isTrial: boolean; pilot: boolean } = { isTrial: false, pilot: false },
  ): void {
    // A paid pilot is a trial with a charge: it is invoiced but, being a trial, never counts as MRR.
    const pilotAmount = this.#profile.segment === 'enterprise' ? Math.round(this.#price(terms) * 0.25) : 1;
    this.#log.open({
      subscriptionId,
      plan: terms.plan,
      interval: terms.interval,
      seats: terms.seats,
      amount: trial.isTrial ? (trial.pilot ? pilotAmount : 0) : this.#price(terms),
      currency: this.#profile.currency,
      start,
      isTrial: trial.isTrial,
      anchor,
      isAddon: false,
    });
    this.#seatSteps.push({ day: start, seats: terms.seats });
  }

  /** Mid-market and enterprise accounts sometimes buy a second subscription that overlaps the first. */
  #maybeAddon(): void {
    const { segment, index, currency } = this.#profile;
    const random = this.#random;
    const wants = (segment === 'mid_market' || segment === 'enterprise') && random.chance(0.15);
    if (this.#firstPaidDay === null || !(wants || isForced(index, 47, 6))) return;
    const start = this.#firstPaidDay + random.int(20, 240);
    const stopsWithProduct = this.#firstChurnDay;
    if (start > this.#timeline.lastDay || (stopsWithProduct !== null && start >= stopsWithProduct)) return;
    const subscriptionId = this.#nextSubscriptionId();
    this.#log.open({
      subscriptionId,
      plan: ADDON_PLAN,
      interval: 'month',
      seats: 1,
      amount: addonPrice(currency, segment === 'enterprise'),
      currency,
      start,
      isTrial: false,
      anchor: start,
      isAddon: true,
    });
    const ownCancel = random.chance(0.3) ? addMonths(start, random.int(2, 10)) : null;
    const end = [stopsWithProduct, ownCancel].filter((day): day is Day => day !== null);
    const firstEnd = end.length > 0 ? Math.min(...end) : null;
    if (firstEnd !== null && firstEnd <= this.#timeline.lastDay) this.#log.close(subscriptionId, firstEnd);
  }

  #nextSubscriptionId(): string {
    this.#subscriptions++;
    return `sub_${this.#profile.id}_${this.#subscriptions}`;
  }
}

/** Seats in force on `day`; before the first period, the seats it starts with. */
export function seatsOn(lifecycle: Lifecycle, day: Day): number {
  let seats = lifecycle.seatSteps[0]?.seats ?? 1;
  for (const step of lifecycle.seatSteps) {
    if (step.day > day) break;
    seats = step.seats;
  }
  return seats;
}
