// Observable Framework configuration for the Pulse report site.
// Offline and deterministic by construction: no global stylesheet (Framework's default loads Google
// Fonts), a footer naming the data's as_of and run id instead of the build date, no search index.
// The footer reads target/run_results.json, as the pages do (scripts/lib/site-data.js).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { accountPageIds } from './scripts/lib/account-pages.js';
import { dataPaths } from './scripts/lib/paths.js';
import { normaliseRunResults } from './scripts/lib/run-results.js';
import { siteOutputFolders } from './scripts/lib/site-output.js';

const runResultsFile = join(dataPaths().target, 'run_results.json');
const run = existsSync(runResultsFile)
  ? normaliseRunResults(JSON.parse(readFileSync(runResultsFile, 'utf8')))
  : null;

const escapeHtml = (s) => String(s).replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
const footer = `Pulse · data as of <b>${escapeHtml(run?.as_of ?? 'unknown')}</b> · run <code>${escapeHtml(run?.run_id ?? 'unknown')}</code> · definitions on the <a href="./definitions">Definitions</a> page`;

export default {
  root: 'src',
  // Built beside the published site and moved in whole by scripts/publish-site.js.
  output: siteOutputFolders().staging,
  title: 'Pulse',
  pages: [
    { name: 'Overview', path: '/' },
    {
      name: 'Revenue',
      pages: [
        { name: 'MRR', path: '/mrr' },
        { name: 'Churn and retention', path: '/churn' },
        { name: 'CLV and CAC', path: '/clv-cac' },
        { name: 'Renewals', path: '/renewals' },
      ],
    },
    {
      name: 'Customers',
      pages: [
        { name: 'Time to value', path: '/time-to-value' },
        { name: 'Engagement', path: '/engagement' },
        { name: 'Health', path: '/health' },
        { name: 'Customer voice', path: '/voice' },
        { name: 'Support', path: '/support' },
        { name: 'Accounts', path: '/accounts/' },
      ],
    },
    {
      name: 'Trust',
      pages: [
        { name: 'Data quality', path: '/data-quality' },
        { name: 'Changes', path: '/changes' },
        { name: 'Definitions', path: '/definitions' },
      ],
    },
  ],
  // One page per account of the account_pages mart (src/accounts/[account].md), read from its Parquet.
  async *dynamicPaths() {
    for (const id of await accountPageIds(dataPaths())) yield `/accounts/${id}`;
  },
  pager: false,
  toc: false,
  search: false,
  globalStylesheets: [],
  style: 'style.css',
  // An empty data: icon stops the browser asking the server for /favicon.ico. src/accounts/[account].md
  // repeats it in its front matter, which Framework takes as is: from this config it parses the fragment
  // into a DOM for every page, and the 500 account pages make that parse a measurable share of the build.
  head: '<link rel="icon" href="data:,">',
  // No header (null rather than Framework's default ""): an empty one renders nothing but is still parsed
  // into a DOM for every page.
  header: null,
  footer,
};
