// Observable Framework configuration for the Pulse report site.
// Offline and deterministic by construction: no global stylesheet (Framework's default loads Google
// Fonts), a footer naming the data's as_of and run id instead of the build date, no search index.
import { existsSync, readFileSync } from 'node:fs';

const provenanceFile = new URL('./src/data/run/provenance.json', import.meta.url);
const provenance = existsSync(provenanceFile) ? JSON.parse(readFileSync(provenanceFile, 'utf8')) : null;

const escapeHtml = (s) => String(s).replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
const footer = provenance
  ? `Pulse · data as of <b>${escapeHtml(provenance.as_of ?? 'unknown')}</b> · run <code>${escapeHtml(provenance.run_id ?? 'unknown')}</code> · definitions on the <a href="./definitions">Definitions</a> page`
  : 'Pulse · no data copied yet: run <code>npm run build -w @pulse/reports</code>';

export default {
  root: 'src',
  output: process.env.PULSE_REPORTS_DIST || 'dist',
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
      ],
    },
    {
      name: 'Trust',
      pages: [
        { name: 'Data quality', path: '/data-quality' },
        { name: 'Definitions', path: '/definitions' },
      ],
    },
  ],
  pager: false,
  toc: false,
  search: false,
  globalStylesheets: [],
  style: 'style.css',
  // An empty data: icon stops the browser asking the server for /favicon.ico.
  head: '<link rel="icon" href="data:,">',
  footer,
};
