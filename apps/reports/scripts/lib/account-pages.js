// The account pages: which accounts get one (the `account_pages` mart, whose id can be a page's file
// name) and what each page reads (its rows of the account-grain marts). Conversion only, like every
// other document of the site: rows are filtered by account, never recomputed.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openDuckDB, sqlString } from './duckdb.js';
import { exportMart } from './export-mart.js';

/**
 * An account id that is safe as a page's file name and URL segment, as it is: 1 to 200 letters, digits,
 * `_`, `-` and `~`, and not `index`. Framework writes `/accounts/<id>` to `accounts/<id>.html`, so a `/`
 * would make folders; a `.` looks like a file extension to static servers (which then do not add
 * `.html`); anything else would be percent-encoded in the link but not in the file name. A longer id
 * would pass the file system's 255-byte name limit once Framework adds its content hash and extension
 * (the build failed with ENAMETOOLONG), and `/accounts/index` is the Accounts page itself. Accounts with
 * other ids are still listed everywhere, only without a link (and the Accounts note says how many).
 */
export const PAGE_ID_MAX_LENGTH = 200;
export const PAGE_ID_PATTERN = `^(?!index$)[A-Za-z0-9_~-]{1,${PAGE_ID_MAX_LENGTH}}$`;
// RE2 (DuckDB's regex engine) has no look-ahead: `index` is excluded by a comparison.
export const PAGE_ID_SQL = `(regexp_full_match(account_id, '[A-Za-z0-9_~-]{1,${PAGE_ID_MAX_LENGTH}}') AND account_id <> 'index')`;
/**
 * The rows of the `account_pages` mart that get a page: those the mart gives one (`has_page`, the first
 * `account_pages_max` by priority; every other row only qualifies) whose id can be a file name.
 */
export const PUBLISHED_SQL = `has_page AND ${PAGE_ID_SQL}`;

/** What an account page reads, per account-grain mart: its rows, in time order. */
export const ACCOUNT_SECTIONS = {
  mrr: { mart: 'mrr_account_months', orderBy: ['month'] },
  health: { mart: 'health_scores', orderBy: ['month'] },
  usage: { mart: 'engagement_account_months', orderBy: ['month'] },
  tickets: { mart: 'account_tickets', orderBy: ['created_at', 'ticket_id'] },
  responses: { mart: 'account_survey_responses', orderBy: ['responded_at', 'response_id'] },
  renewals: { mart: 'renewals', orderBy: ['renewal_date', 'subscription_id'] },
  // Those due in the 90 days after as_of, with the ARR at stake and the health band.
  upcoming: { mart: 'renewals_upcoming', orderBy: ['renewal_date', 'subscription_id'] },
};

const martFile = (paths, mart) => join(paths.marts, `${mart}.parquet`);
const modelOf = (glossary, mart) => glossary?.models?.find((m) => m.name === mart) ?? null;

/** The `account_pages` rows that get a page (`has_page`, and their id can be a file name), by account id. */
export async function publishedAccountPages(db, { paths, glossary }) {
  const file = martFile(paths, 'account_pages');
  if (!existsSync(file)) return [];
  return exportMart(db, {
    file,
    model: modelOf(glossary, 'account_pages'),
    where: PUBLISHED_SQL,
    orderBy: ['account_id'],
  });
}

/** The ids of the accounts with a page: `dynamicPaths` of the Framework config. */
export async function accountPageIds(paths) {
  const db = await openDuckDB();
  try {
    return (await publishedAccountPages(db, { paths })).map((r) => r.account_id);
  } finally {
    db.close();
  }
}

/**
 * Every account page's document at once, `Map(account_id → document)`: one query per mart for all the
 * published accounts (a query per account would read each Parquet file thousands of times at scale).
 * With `only`, the document of that one account (the data loader in preview).
 */
export async function accountDocuments(inputs, only) {
  const db = await openDuckDB();
  try {
    const pages = (await publishedAccountPages(db, inputs)).filter(
      (p) => only == null || p.account_id === only,
    );
    const documents = new Map(pages.map((account) => [account.account_id, { account }]));
    const pagesFile = sqlString(martFile(inputs.paths, 'account_pages'));
    const accounts =
      only == null
        ? `account_id IN (SELECT account_id FROM read_parquet(${pagesFile}) WHERE ${PUBLISHED_SQL})`
        : `account_id = ${sqlString(only)}`;
    for (const [section, { mart, orderBy }] of Object.entries(ACCOUNT_SECTIONS)) {
      for (const document of documents.values()) document[section] = [];
      const file = martFile(inputs.paths, mart);
      if (documents.size === 0 || !existsSync(file)) continue;
      const model = modelOf(inputs.glossary, mart);
      const rows = await exportMart(db, {
        file,
        model,
        where: accounts,
        orderBy: ['account_id', ...orderBy],
      });
      for (const row of rows) documents.get(row.account_id)?.[section].push(row);
    }
    return documents;
  } finally {
    db.close();
  }
}

/** One account page's document (its rows of every account-grain mart), or null without a page. */
export async function accountDocument(accountId, inputs) {
  return (await accountDocuments(inputs, accountId)).get(accountId) ?? null;
}
