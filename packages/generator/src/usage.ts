import { type Day, daysInMonth, formatDay, isWeekend } from './calendar.js';
import { seasonality, type Timeline } from './timeline.js';

/** People who actually use the product out of the seats paid for: all of a small team, a core of a big one. */
export function activeUserCount(seats: number): number {
  return Math.min(seats, 1 + Math.round(Math.sqrt(seats) * 1.6));
}

/** Weekends are quiet. */
const WEEKEND_FACTOR = 0.15;

/** Precomputed weekday × season factor per day, so the events loop never builds a Date. */
export class DayFactors {
  readonly #first: Day;
  readonly #factors: Float64Array;
  readonly #monthEnds: Uint8Array;

  constructor(timeline: Timeline, daysBefore: number) {
    this.#first = timeline.firstDay - daysBefore;
    this.#factors = new Float64Array(timeline.lastDay - this.#first + 1);
    this.#monthEnds = new Uint8Array(this.#factors.length);
    for (let i = 0; i < this.#factors.length; i++) {
      const day = this.#first + i;
      this.#factors[i] = (isWeekend(day) ? WEEKEND_FACTOR : 1) * seasonality(day);
      this.#monthEnds[i] = Number(formatDay(day).slice(8)) === daysInMonth(day) ? 1 : 0;
    }
  }

  /** The last day of a month: month-end close keeps some users at work late. */
  isMonthEnd(day: Day): boolean {
    return this.#monthEnds[day - this.#first] === 1;
  }

  of(day: Day): number {
    return this.#factors[day - this.#first] ?? 1;
  }
}
