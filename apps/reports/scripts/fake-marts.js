#!/usr/bin/env node
// Writes a FAKE project output for site development and the browser tests, until `pulse build`
// produces the real one: <root>/data/marts/<mart>.parquet and <root>/target/{run_results,manifest}.json.
//
//   node scripts/fake-marts.js --root /tmp/pulse-fake [--fail renewals_monthly] [--skip nps_monthly]
//     [--missing csat_monthly] [--empty support_monthly] [--no-target] [--as-of 2025-06-18] [--seed 7]
// --missing: no Parquet file at all; --empty: a zero-row mart (what a missing optional source gives);
// --no-target: no run_results.json / manifest.json (and no warehouse).
// Also writes <root>/data/warehouse.duckdb with the quarantine tables and the sources' dating columns.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import * as activity from './fake/fake-activity.js';
import {
  accountMonths,
  cacMonthly,
  clvMonthly,
  cohortRetention,
  HOSTILE_ACCOUNT_IDS,
  hostileAccounts,
  mrrMonthly,
  simulateAccounts,
  simulateMrr,
} from './fake/fake-revenue.js';
import { manifest, runResults } from './fake/fake-target.js';
import { writeQuarantine, writeRawDates } from './fake/fake-warehouse.js';
import { addMonths, monthOf, monthRange, random } from './fake/months.js';
import { writeParquet } from './fake/write-parquet.js';
import { openDuckDB } from './lib/duckdb.js';
import { MART_SCHEMA } from './lib/mart-schema.js';

const list = (s) => (s ? s.split(',').filter(Boolean) : []);
const { values } = parseArgs({
  options: {
    root: { type: 'string' },
    'as-of': { type: 'string', default: '2025-06-18' },
    seed: { type: 'string', default: '7' },
    fail: { type: 'string', default: '' },
    skip: { type: 'string', default: '' },
    missing: { type: 'string', default: '' },
    empty: { type: 'string', default: '' },
    'no-target': { type: 'boolean', default: false },
  },
});
if (!values.root) throw new Error('usage: fake-marts.js --root DIR');

const root = resolve(values.root);
const asOf = values['as-of'];
const asOfMonth = monthOf(asOf);
const rng = random(Number(values.seed));
const grossMargin = 0.8;

const simulated = simulateAccounts(rng, { count: 160, firstSignup: '2023-01-10', asOf });
const paths = simulateMrr(rng, simulated, asOfMonth);
// Plus formula-like account ids and segment (CSV injection): their downloads must neutralise them.
const hostile = hostileAccounts(asOfMonth);
const accounts = [...simulated, ...hostile.accounts];
const am = accountMonths(new Map([...paths, ...hostile.paths]));
const mrrStart = am.reduce((m, r) => (r.mrr > 0 && r.month < m ? r.month : m), asOfMonth);
const months = monthRange(mrrStart, asOfMonth);
const mrr = mrrMonthly(am, accounts, months, asOf);
const ttv = activity.ttvAccounts(rng, accounts, asOf);

const marts = {
  mrr_account_months: am,
  mrr_monthly: mrr,
  cohort_retention: cohortRetention(am, accounts, asOfMonth),
  clv_monthly: clvMonthly(mrr, grossMargin),
  ttv_accounts: ttv,
  ttv_cohorts: activity.ttvCohorts(ttv, asOfMonth),
  nps_monthly: activity.npsMonthly(rng, monthRange(addMonths(mrrStart, 1), asOfMonth)),
  csat_monthly: activity.csatMonthly(rng, monthRange(addMonths(mrrStart, 2), asOfMonth)),
  cac_monthly: cacMonthly(rng, am, accounts, months, grossMargin),
  support_monthly: activity.supportMonthly(rng, months),
  renewals_monthly: activity.renewalsMonthly(rng, months, asOfMonth),
  engagement_account_months: activity.engagementAccountMonths(rng, am),
  engagement_monthly: activity.engagementMonthly(rng, monthRange(addMonths(mrrStart, -1), asOfMonth)),
  health_scores: activity.healthScores(rng, am, accounts, { atRisk: new Set(HOSTILE_ACCOUNT_IDS) }),
};

const martsDir = join(root, 'data', 'marts');
const targetDir = join(root, 'target');
await rm(martsDir, { recursive: true, force: true });
await rm(targetDir, { recursive: true, force: true });
await mkdir(martsDir, { recursive: true });
await mkdir(targetDir, { recursive: true });

const db = await openDuckDB();
try {
  for (const [name, rows] of Object.entries(marts)) {
    if (list(values.missing).includes(name)) continue;
    await writeParquet(db, martsDir, name, MART_SCHEMA[name], list(values.empty).includes(name) ? [] : rows);
  }
} finally {
  db.close();
}

// A fixed UUID per seed: the artifacts' invocation_id is a UUID, and the fake must stay deterministic.
if (values['no-target']) {
  console.log(`fake marts → ${martsDir}, no target/`);
  process.exit(0);
}
const runId = `00000000-0000-4000-8000-${values.seed.padStart(12, '0')}`;
const results = runResults({ asOf, runId, failing: list(values.fail), skipped: list(values.skip) });
const warehouse = join(root, 'data', 'warehouse.duckdb');
await rm(warehouse, { force: true });
const wdb = await openDuckDB(warehouse);
try {
  await writeQuarantine(wdb, results.sources);
  await writeRawDates(wdb, asOf);
} finally {
  wdb.close();
}
await writeFile(join(targetDir, 'run_results.json'), `${JSON.stringify(results, null, 2)}\n`);
await writeFile(join(targetDir, 'manifest.json'), `${JSON.stringify(manifest({ asOf, runId }), null, 2)}\n`);
console.log(`fake marts → ${martsDir} (${Object.keys(marts).length} marts), target → ${targetDir}`);
