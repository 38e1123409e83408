/** The month (`YYYY-MM-01`) of a day (`YYYY-MM-DD`): the partition value of a monthly table. */
export const monthOf = (day: string) => `${day.slice(0, 7)}-01`;

/** The first day of the month `count` months after the month of `day` (`YYYY-MM-01`; a negative count goes back). */
export function monthsAfter(day: string, count: number): string {
  const date = new Date(`${monthOf(day)}T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + count, 1);
  return date.toISOString().slice(0, 10);
}
