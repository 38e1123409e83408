// Instants are milliseconds since the epoch, always UTC: a date never shifts with the machine's time zone.

export const DAY = 86_400_000;

export function at(iso: string): number {
  const ms = Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(ms)) throw new Error(`not a date: ${iso}`);
  return ms;
}

/**
 * Stripe billing-cycle arithmetic: the same day of month and time, n months on, clamped to the month's
 * last day (an anchor on the 30th bills on 28 February, then on 30 March again: always count from the
 * anchor, never from the previous cycle).
 */
export function addMonths(ms: number, months: number): number {
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(
    year,
    month,
    Math.min(d.getUTCDate(), lastDay),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
  );
}

/** `YYYY-MM-DD`. */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** `YYYY-MM-DD HH:MM:SS`, UTC without an offset: how Fivetran writes timestamps. */
export function sqlTimestamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** `YYYY-MM-DD HH:MM`: how a HubSpot export writes a datetime property. */
export function minuteTimestamp(ms: number): string {
  return sqlTimestamp(ms).slice(0, 16);
}

/** ISO 8601 with milliseconds and `Z`: how Segment writes its timestamps. */
export function isoTimestamp(ms: number): string {
  return new Date(ms).toISOString();
}

/** `YYYY-MM` of an instant. */
export function monthOf(ms: number): string {
  return isoDate(ms).slice(0, 7);
}

/** First instant of the UTC day of ms. */
export function startOfDay(ms: number): number {
  return Math.floor(ms / DAY) * DAY;
}
