/**
 * UTC calendar arithmetic on plain numbers: a `Day` is whole days since 1970-01-01, an instant is epoch
 * milliseconds. Nothing here reads the machine's time zone, so output never shifts with TZ.
 */
export type Day = number;

export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;

export function parseDay(text: string): Day {
  return Date.parse(`${text}T00:00:00Z`) / MS_PER_DAY;
}

export function dayOf(instant: number): Day {
  return Math.floor(instant / MS_PER_DAY);
}

const dayTexts = new Map<Day, string>();

/** `YYYY-MM-DD`, cached: the events loop formats the same few hundred days millions of times. */
export function formatDay(day: Day): string {
  let text = dayTexts.get(day);
  if (text === undefined) {
    text = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    dayTexts.set(day, text);
  }
  return text;
}

/** `YYYY-MM` of the day's month. */
export function formatMonth(day: Day): string {
  return formatDay(day).slice(0, 7);
}

function civil(day: Day): { year: number; month: number; dayOfMonth: number } {
  const date = new Date(day * MS_PER_DAY);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth(), dayOfMonth: date.getUTCDate() };
}

/** 0 = January. */
export function monthOfYear(day: Day): number {
  return civil(day).month;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(day: Day): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function isWeekend(day: Day): boolean {
  const dow = weekday(day);
  return dow === 0 || dow === 6;
}

export function monthStart(day: Day): Day {
  const { year, month } = civil(day);
  return Date.UTC(year, month, 1) / MS_PER_DAY;
}

export function daysInMonth(day: Day): number {
  const { year, month } = civil(day);
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/**
 * `day` plus whole months, clamped to the target month's last day (Jan 31 + 1 month = Feb 28/29), the way
 * DuckDB's `date + INTERVAL n MONTH` does, so renewal dates match what the models compute.
 */
export function addMonths(day: Day, months: number): Day {
  const { year, month, dayOfMonth } = civil(day);
  const lastDay = new Date(Date.UTC(year, month + months + 1, 0)).getUTCDate();
  return Date.UTC(year, month + months, Math.min(dayOfMonth, lastDay)) / MS_PER_DAY;
}

/** Whole months from the month of `from` to the month of `to`. */
export function monthsBetween(from: Day, to: Day): number {
  const a = civil(from);
  const b = civil(to);
  return (b.year - a.year) * 12 + (b.month - a.month);
}
