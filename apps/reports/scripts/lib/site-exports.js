// What the pages read, per mart: the site's own choices (which marts it ships, which columns, row order),
// never the marts' schema, which comes from target/manifest.json. Account-month marts are not shipped whole:
// each account page reads its own rows of them (scripts/lib/account-pages.js). Without an `orderBy`, rows follow the mart's grain from the manifest.
import { PUBLISHED_SQL } from './account-pages.js';
import { sqlString } from './duckdb.js';

/** Upcoming renewals listed on the page per segment (the CSV holds them all). */
export const UPCOMING_SHOWN = 1000;

/** The MRR page lists at most this many accounts per month, segment and movement (largest first). */
export const MOVERS_PER_BAR = 25;

/** At-risk accounts listed on the health page per segment, lowest score first (the CSV holds them all). */
export const AT_RISK_SHOWN = 1000;

/** The latest month of a mart with a `month` column. */
const latestMonth = (file) => `month = (SELECT max(month) FROM read_parquet(${sqlString(file)}))`;

export const MART_EXPORTS = {
  mrr_monthly: {},
  cohort_retention: {},
  clv_monthly: {},
  // One row per account (100k at scale): fetched only when its CSV is downloaded; the histogram reads
  // ttv_day_counts (scripts/lib/site-data.js).
  ttv_accounts: { columns: ['account_id', 'segment', 'signup_month', 'ttv_days', 'reached'] },
  ttv_cohorts: {},
  nps_monthly: {},
  csat_monthly: {},
  cac_monthly: {},
  support_monthly: {},
  renewals_monthly: {},
  // Sorted by renewal date (the mart's grain); the totals by band are renewals_upcoming_by_band. The page
  // shows the first UPCOMING_SHOWN of each segment (a large book has thousands: the page must stay light);
  // the whole mart is fetched only when its CSV is downloaded.
  renewals_upcoming: {},
  renewals_upcoming_head: {
    mart: 'renewals_upcoming',
    where: (file) => `subscription_id || '@' || renewal_date::VARCHAR IN (
      SELECT subscription_id || '@' || renewal_date::VARCHAR FROM read_parquet(${sqlString(file)})
      QUALIFY row_number() OVER (PARTITION BY segment ORDER BY renewal_date, subscription_id) <= ${UPCOMING_SHOWN})`,
  },
  engagement_monthly: {},
  // The accounts behind each waterfall bar, largest first, capped per bar (the mart's `rank`); compact
  // (column names once), since every month and segment ships with the page.
  mrr_movers: {
    where: () => `rank <= ${MOVERS_PER_BAR}`,
    orderBy: ['month', 'segment', 'movement', 'rank'],
    compact: true,
  },
  // The accounts with a page (the mart's `has_page`, less ids that cannot be a file name): the index
  // of account pages, and which account ids the tables link. Small by construction (account_pages_max).
  account_pages: { where: () => PUBLISHED_SQL, orderBy: ['account_id'] },
  // Every account that qualifies for a page, by priority: tens of thousands at scale, so the Accounts
  // page fetches it only when its CSV is downloaded.
  account_pages_qualifying: { mart: 'account_pages', orderBy: ['page_priority'] },
  // The accounts outside the healthy band in the latest month (the band chart uses health_band_counts):
  // tens of thousands at scale, so the page ships the first AT_RISK_SHOWN of each segment and fetches
  // the whole list only when its CSV is downloaded.
  health_at_risk: {
    mart: 'health_scores',
    where: (file) => `band <> 'healthy' AND ${latestMonth(file)}`,
    orderBy: ['score', 'account_id'],
  },
  health_at_risk_head: {
    mart: 'health_scores',
    where: (file) => `band <> 'healthy' AND ${latestMonth(file)} AND account_id IN (
      SELECT account_id FROM read_parquet(${sqlString(file)})
      WHERE band <> 'healthy' AND ${latestMonth(file)}
      QUALIFY row_number() OVER (PARTITION BY segment ORDER BY score, account_id) <= ${AT_RISK_SHOWN})`,
    orderBy: ['score', 'account_id'],
  },
};

/** The marts the pages read, whether or not the manifest knows them (a page names what it draws). */
export const MARTS_READ = [...new Set(Object.entries(MART_EXPORTS).map(([name, s]) => s.mart ?? name))];
