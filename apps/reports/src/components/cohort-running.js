// Which cells of a cohort triangle fall in the running month (running-month.js). A cell is a cohort
// (cohort_month, its first day) at an age (months_since, 0 = the cohort month): its calendar month is
// cohort_month + months_since months, and its values are to date when that month is the running one.
// The mart has rows up to the as-of month, so those are the last cell of every cohort row.
import { isRunningMonth } from './running-month.js';

/** The calendar month of a cohort cell: its cohort month plus its age, as the first day of it (UTC). */
export function cohortCellMonth(row) {
  const cohort = new Date(+row.cohort_month);
  return new Date(Date.UTC(cohort.getUTCFullYear(), cohort.getUTCMonth() + row.months_since, 1));
}

/** Whether a cohort cell's calendar month is the running month (`running`: runningMonthOf's answer). */
export const isRunningCohortCell = (row, running) =>
  running != null && row.cohort_month != null && row.months_since != null
    ? isRunningMonth(cohortCellMonth(row), running)
    : false;
