// mrr_account_months, mrr_monthly and cohort_retention with Arquero, following METRICS.md, as the
// baseline "a careful analyst in plain JS" would write. Months are integer indexes (year × 12 + month − 1).
import { type ColumnTable, from, op, table, escape as verbatim } from 'arquero';
import type { Account, Period } from './arquero-inputs.js';

const monthIndex = (day: string) => Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7)) - 1;
export const monthDate = (mi: number) =>
  `${Math.floor(mi / 12)}-${String((mi % 12) + 1).padStart(2, '0')}-01`;

/** G4: snap(m) = least(last day of m, as_of), as a YYYY-MM-DD string (they compare as dates). */
function snapshots(asOf: string): (mi: number) => string {
  const asOfMi = monthIndex(asOf);
  return (mi) => {
    if (mi >= asOfMi) return asOf;
    const last = new Date(Date.UTC(Math.floor(mi / 12), (mi % 12) + 1, 0));
    return last.toISOString().slice(0, 10);
  };
}

/** The months whose snapshot day a period is in effect on (start <= snap < end), up to the as-of month. */
function periodMonths(period: Period, asOfMi: number, snap: (mi: number) => string): number[] {
  const months: number[] = [];
  for (let mi = monthIndex(period.start); mi <= asOfMi; mi++) {
    const day = snap(mi);
    if (period.end !== null && day >= period.end) break;
    if (period.start <= day) months.push(mi);
  }
  return months;
}

export function mrrAccountMonths(
  periods: readonly Period[],
  accounts: readonly Account[],
  asOf: string,
): ColumnTable {
  const asOfMi = monthIndex(asOf);
  const snap = snapshots(asOf);
  const paying = periods.filter((p) => p.mrr > 0);
  const spans = table({
    account_id: paying.map((p) => p.account_id),
    mrr: paying.map((p) => p.mrr),
    mi: paying.map((p) => periodMonths(p, asOfMi, snap)),
  });
  const monthly = spans
    .unroll('mi')
    .groupby('account_id', 'mi')
    .rollup({ mrr: op.sum('mrr') });
  // Rows from the first active month to the as-of month, zeros included (mrr_account_months rows).
  const grid = monthly
    .groupby('account_id')
    .rollup({ first: op.min('mi') })
    .derive({
      mi: verbatim((d: { first: number }) =>
        Array.from({ length: asOfMi - d.first + 1 }, (_, i) => d.first + i),
      ),
    })
    .unroll('mi');
  return grid
    .join_left(monthly, [
      ['account_id', 'mi'],
      ['account_id', 'mi'],
    ])
    .derive({ mrr: (d: any) => (d.mrr == null ? 0 : d.mrr) })
    .join(from(accounts), 'account_id')
    .orderby('account_id', 'mi')
    .groupby('account_id')
    .derive({ prev_mrr: (d: any) => op.lag(d.mrr, 1, 0), first_row: () => op.row_number() === 1 })
    .ungroup()
    .derive({
      mrr_change: (d: any) => d.mrr - d.prev_mrr,
      // Rows start at the first active month, so "active in an earlier month" = "not the first row".
      movement: (d: any) =>
        d.prev_mrr === 0 && d.mrr > 0
          ? d.first_row
            ? 'new'
            : 'reactivation'
          : d.prev_mrr > 0 && d.mrr === 0
            ? 'churn'
            : d.prev_mrr > 0 && d.mrr > d.prev_mrr
              ? 'expansion'
              : d.prev_mrr > 0 && d.mrr > 0 && d.mrr < d.prev_mrr
                ? 'contraction'
                : 'none',
    })
    .select('account_id', 'segment', 'first', 'mi', 'mrr', 'prev_mrr', 'mrr_change', 'movement');
}

const movementSums = {
  mrr: op.sum('mrr'),
  active_accounts: (d: any) => op.sum(d.mrr > 0 ? 1 : 0),
  start_accounts: (d: any) => op.sum(d.prev_mrr > 0 ? 1 : 0),
  start_mrr: op.sum('prev_mrr'),
  new_accounts: (d: any) => op.sum(d.movement === 'new' ? 1 : 0),
  new_mrr: (d: any) => op.sum(d.movement === 'new' ? d.mrr_change : 0),
  reactivated_accounts: (d: any) => op.sum(d.movement === 'reactivation' ? 1 : 0),
  reactivation_mrr: (d: any) => op.sum(d.movement === 'reactivation' ? d.mrr_change : 0),
  expansion_mrr: (d: any) => op.sum(d.movement === 'expansion' ? d.mrr_change : 0),
  contraction_mrr: (d: any) => op.sum(d.movement === 'contraction' ? d.mrr_change : 0),
  churned_accounts: (d: any) => op.sum(d.movement === 'churn' ? 1 : 0),
  churned_mrr: (d: any) => op.sum(d.movement === 'churn' ? d.mrr_change : 0),
};
export const MRR_MONTHLY_COLUMNS = Object.keys(movementSums);

/** mrr_monthly's additive columns on the full (month × segment, `all`) grid of G3/G5. */
export function mrrMonthly(
  accountMonths: ColumnTable,
  accounts: readonly Account[],
  asOf: string,
): ColumnTable {
  const bySegment = accountMonths.groupby('mi', 'segment').rollup(movementSums);
  const all = accountMonths
    .groupby('mi')
    .rollup(movementSums)
    .derive({ segment: () => 'all' });
  const first = accountMonths.rollup({ first: op.min('mi') }).get('first', 0) as number;
  const segments = ['all', ...new Set(accounts.map((a) => a.segment))];
  const months = Array.from({ length: monthIndex(asOf) - first + 1 }, (_, i) => first + i);
  const grid = table({ mi: months }).cross(table({ segment: segments }));
  // Arquero parses expressions from source text (no closures), so the fill is written out per column.
  const zeros = Object.fromEntries(MRR_MONTHLY_COLUMNS.map((c) => [c, `d => d.${c} == null ? 0 : d.${c}`]));
  return grid
    .join_left(bySegment.concat(all), [
      ['mi', 'segment'],
      ['mi', 'segment'],
    ])
    .derive(zeros as any);
}

const cohortSums = {
  cohort_accounts: op.count(),
  active_accounts: (d: any) => op.sum(d.mrr > 0 ? 1 : 0),
  mrr: op.sum('mrr'),
};

/** cohort_retention: the cohort is the first `new` month, which is an account's first row. */
export function cohortRetention(accountMonths: ColumnTable): ColumnTable {
  const aged = accountMonths.derive({ months_since: (d: any) => d.mi - d.first });
  const bySegment = aged.groupby('first', 'segment', 'months_since').rollup(cohortSums);
  const all = aged
    .groupby('first', 'months_since')
    .rollup(cohortSums)
    .derive({ segment: () => 'all' });
  return bySegment.concat(all);
}
