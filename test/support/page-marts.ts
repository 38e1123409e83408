// Which mart each card of the report site shows, and how a mart value reads in a CSV download and in
// a table view: the browser suite's oracle for "every number on every page equals the marts".

export interface CardSource {
  readonly mart: string;
  /** Extra SQL condition on the mart rows (the page's own selection, e.g. accounts that reached value). */
  readonly where?: string;
  /** The card lists every segment's rows (account-level marts) instead of the `all` segment. */
  readonly everySegment?: boolean;
  /** SQL over `raw` (the Parquet file) when the card shows counts of the mart's rows, not the rows. */
  readonly derive?: string;
}

const mrr = { mart: 'mrr_monthly' };
const cohorts = { mart: 'cohort_retention' };
const cac = { mart: 'cac_monthly' };
const renewals = { mart: 'renewals_monthly' };
const ttv = { mart: 'ttv_cohorts' };
const engagement = { mart: 'engagement_monthly' };
const nps = { mart: 'nps_monthly' };
const support = { mart: 'support_monthly' };

export const CARD_SOURCES: Record<string, CardSource> = {
  'mrr-movements': mrr,
  'active-accounts': mrr,
  arpa: mrr,
  'churn-rates': mrr,
  'nrr-grr-monthly': mrr,
  'nrr-grr-12m': mrr,
  'cohort-logo-retention': cohorts,
  'cohort-revenue-retention': cohorts,
  clv: { mart: 'clv_monthly' },
  'cac-by-channel': cac,
  'payback-by-channel': cac,
  'renewals-outcomes': renewals,
  'renewal-rate': renewals,
  // The list of the next 90 days' renewals, every segment when `all` is selected.
  'renewals-upcoming': { mart: 'renewals_upcoming', everySegment: true },
  // Accounts that reached value per whole day (row counts of ttv_accounts), every segment for `all`.
  'ttv-distribution': {
    mart: 'ttv_accounts',
    derive:
      'SELECT signup_month, segment, floor(ttv_days) AS days, count(*) AS accounts FROM raw WHERE reached GROUP BY ALL',
    everySegment: true,
  },
  // The per-account list behind it, fetched only when its CSV is downloaded.
  'ttv-accounts': { mart: 'ttv_accounts', where: 'reached', everySegment: true },
  'ttv-quantiles': ttv,
  'ttv-reached': ttv,
  mau: engagement,
  stickiness: engagement,
  'active-accounts-engagement': engagement,
  'nps-responses': nps,
  'nps-score': nps,
  csat: { mart: 'csat_monthly' },
  'resolution-time': support,
  'first-response': support,
  backlog: support,
  // Accounts per band and month: row counts of health_scores (the copy step's only summary).
  'health-bands': {
    mart: 'health_scores',
    derive: `SELECT month, 'all' AS segment, ${['critical', 'at_risk', 'healthy']
      .map((b) => `count(*) FILTER (WHERE band = '${b}') AS ${b}`)
      .join(', ')} FROM raw GROUP BY month`,
  },
  'at-risk': {
    mart: 'health_scores',
    where: "band <> 'healthy' AND month = (SELECT max(month) FROM mart)",
    everySegment: true,
  },
};

/**
 * Cards whose rows the page derives (waterfall steps) or reads from run_results, and the MRR page's
 * movers list (one month of mrr_movers, checked against the mart by its own test in site.test.ts).
 */
export const NOT_FROM_A_MART = new Set([
  'mrr-waterfall',
  'mrr-movers',
  'failed-tests',
  'test-results',
  'quarantine',
  'quarantine-examples',
  'sources',
  'models',
  'all-tests',
  'marts',
]);

/**
 * Cards whose rows hold text from the data (account ids, every segment's name, channel names): where the
 * generated project's formula-like text (test/support/site-hostile-data.ts) reaches a CSV and a table view.
 */
export const TEXT_FROM_DATA = new Set(
  Object.entries(CARD_SOURCES)
    .filter(([id, source]) => source.everySegment || id.endsWith('-by-channel'))
    .map(([id]) => id),
);

/** Cards whose table formats its cells for reading (money, links), checked by their own tests instead. */
export const FORMATTED_TABLES = new Set(['at-risk', 'renewals-upcoming']);

/** Cards that offer only a CSV download of a list too long for the page (no table view). */
export const CSV_ONLY = new Set(['ttv-accounts']);

/** The column a page's month range filters on, when the card has one. */
export const RANGE_KEYS = ['month', 'cohort_month', 'signup_month'];

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** A mart value as the CSV must hold it: full precision, ISO days, formula-like text behind a quote. */
export function csvText(v: unknown): string {
  if (v == null) return '';
  if (v instanceof Date) return isoDay(v);
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  const s = String(v);
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/** A mart value as a table view (Inputs.table, dates as ISO days) shows it. */
export function tableText(v: unknown): string {
  if (v == null) return '';
  if (v instanceof Date) return isoDay(v);
  if (typeof v === 'number') return v === 0 ? '0' : v.toLocaleString('en');
  if (typeof v === 'bigint') return v.toLocaleString('en');
  return String(v);
}
