import {
  addMonths,
  type Day,
  daysInMonth,
  MS_PER_DAY,
  monthOfYear,
  monthStart,
  parseDay,
} from './calendar.js';
import type { Random } from './random.js';

/** The window the data covers: whole UTC months, the last one cut at `end` (so usually partial). */
export interface Timeline {
  readonly firstDay: Day;
  /** The last day with data; nothing is dated after it except scheduled (future) end dates. */
  readonly lastDay: Day;
  /** Start of the day after `lastDay`: every generated instant is before it. */
  readonly endInstant: number;
  readonly monthStarts: readonly Day[];
  /** From here on, renewals of the cheaper plans use the new price list: a price change ends a period. */
  readonly priceIncreaseDay: Day;
}

export function buildTimeline(end: string, months: number): Timeline {
  const lastDay = parseDay(end);
  const firstDay = addMonths(monthStart(lastDay), -(months - 1));
  const monthStarts = Array.from({ length: months }, (_, i) => addMonths(firstDay, i));
  return {
    firstDay,
    lastDay,
    endInstant: (lastDay + 1) * MS_PER_DAY,
    monthStarts,
    priceIncreaseDay: monthStarts[Math.floor(months * 0.45)]!,
  };
}

/** Relative business activity by month of year: a January push, quiet August and December. */
const SEASONALITY = [1.2, 1.1, 1.15, 1.05, 1, 0.95, 0.85, 0.75, 1.05, 1.1, 1, 0.7] as const;

export function seasonality(day: Day): number {
  return SEASONALITY[monthOfYear(day)]!;
}

/** Share of accounts already signed up in the first month: the customer base the export starts with. */
const INSTALLED_BASE = 0.2;
const MONTHLY_GROWTH = 1.035;

/** Samples signup instants: a growing, seasonal stream of new accounts after an installed base. */
export class SignupCalendar {
  readonly #timeline: Timeline;
  readonly #cumulative: number[] = [];

  constructor(timeline: Timeline) {
    this.#timeline = timeline;
    const weights = timeline.monthStarts.map((start, i) => {
      const days = Math.min(daysInMonth(start), timeline.lastDay - start + 1);
      return MONTHLY_GROWTH ** i * seasonality(start) * (days / 30);
    });
    const later = weights.reduce((sum, weight) => sum + weight, 0);
    weights[0] = weights[0]! + (later * INSTALLED_BASE) / (1 - INSTALLED_BASE);
    let running = 0;
    for (const weight of weights) {
      running += weight;
      this.#cumulative.push(running);
    }
  }

  draw(random: Random): number {
    const target = random.next() * this.#cumulative[this.#cumulative.length - 1]!;
    let month = 0;
    while (this.#cumulative[month]! <= target) month++;
    const start = this.#timeline.monthStarts[month]!;
    const days = Math.min(daysInMonth(start), this.#timeline.lastDay - start + 1);
    const day = start + random.int(0, days - 1);
    // Signups cluster in (UTC) business hours.
    const hour = Math.min(23.99, Math.max(0, random.normal() * 3.5 + 14));
    return day * MS_PER_DAY + Math.floor(hour * 3_600_000);
  }
}
