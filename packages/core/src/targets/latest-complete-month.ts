/**
 * The latest calendar month whose last day is on or before `asOf` (`YYYY-MM-DD` in, first day of the month
 * out): the as-of month itself when as_of is its last day, else the month before. A running month is
 * never judged against a target: a month to date would flatter every rate that counts events.
 */
export function latestCompleteMonth(asOf: string): string {
  const day = new Date(`${asOf}T00:00:00Z`);
  if (Number.isNaN(day.getTime())) throw new RangeError(`as_of must be a date YYYY-MM-DD, got "${asOf}"`);
  const next = new Date(day);
  next.setUTCDate(day.getUTCDate() + 1);
  const monthsBack = next.getUTCDate() === 1 ? 0 : 1;
  const month = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() - monthsBack, 1));
  return month.toISOString().slice(0, 10);
}
