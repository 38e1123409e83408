import { closestMatch, type Target } from '@pulse/core';

/**
 * The columns a target may name: the numeric columns of the marts with one row per month and segment.
 * Written out rather than read from the models because the config schema must not import the marts (they
 * import the config); test/config/targets.test.ts fails when this list and the marts drift apart.
 */
export const TARGET_METRICS: Readonly<Record<string, readonly string[]>> = {
  mrr_monthly: [
    'mrr',
    'arr',
    'active_accounts',
    'start_accounts',
    'start_mrr',
    'new_accounts',
    'new_mrr',
    'reactivated_accounts',
    'reactivation_mrr',
    'expansion_mrr',
    'contraction_mrr',
    'churned_accounts',
    'churned_mrr',
    'net_new_mrr',
    'arpa',
    'logo_churn_rate',
    'customer_retention_rate',
    'gross_mrr_churn_rate',
    'net_mrr_churn_rate',
    'nrr',
    'grr',
    'nrr_12m',
    'grr_12m',
    'quick_ratio',
    'mrr_growth_rate',
  ],
  clv_monthly: ['arpa', 'avg_logo_churn_rate', 'clv', 'gross_margin', 'clv_gross'],
  renewals_monthly: ['renewals_due', 'renewed', 'lost', 'pending', 'renewal_rate'],
  engagement_monthly: ['active_accounts', 'mau', 'avg_dau', 'stickiness', 'events'],
  nps_monthly: ['responses', 'promoters', 'passives', 'detractors', 'nps'],
  csat_monthly: ['responses', 'satisfied', 'csat'],
  support_monthly: [
    'tickets_created',
    'tickets_resolved',
    'mean_resolution_hours',
    'median_resolution_hours',
    'p90_resolution_hours',
    'median_first_response_hours',
    'open_backlog',
  ],
};

/**
 * The default targets, used when the config has no `targets` key (a config's list replaces them whole).
 * Logo churn below 5 % a month is the widely used SaaS benchmark (METRICS.md `logo_churn_rate` =
 * churned accounts / accounts at the month's start, a fraction).
 */
export const DEFAULT_TARGETS: readonly Target[] = [
  { metric: 'mrr_monthly.logo_churn_rate', segment: 'all', operator: '<', threshold: 0.05 },
];

/** Why `metric` names no target column, with the nearest valid one; null when it is valid. */
export function unknownMetricReason(metric: string): string | null {
  const [mart = '', column = ''] = metric.split('.');
  const columns = TARGET_METRICS[mart];
  if (!columns) {
    const near = closestMatch(mart, Object.keys(TARGET_METRICS));
    return (
      `unknown mart "${mart}"${near ? ` (did you mean "${near}"?)` : ''}; ` +
      `a target names a column of ${Object.keys(TARGET_METRICS).join(', ')}`
    );
  }
  if (columns.includes(column)) return null;
  // A shortened name (`logo_churn`) is too far for the edit distance: a column it starts is the better guess.
  const near = closestMatch(column, columns) ?? columns.find((candidate) => candidate.startsWith(column));
  return (
    `"${mart}" has no numeric column "${column}"${near ? ` (did you mean "${mart}.${near}"?)` : ''}; ` +
    `its columns are ${columns.join(', ')}`
  );
}
