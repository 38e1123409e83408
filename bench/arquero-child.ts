// The Arquero baseline as its own process (`node --max-old-space-size=8192 --import tsx
// bench/arquero-child.ts <data> <as_of> <currency> <out.json>`): reads the CSVs, computes the three
// marts and writes them as column arrays for the equality check. Its wall time and peak RSS are measured.
import { writeFileSync } from 'node:fs';
import type { ColumnTable } from 'arquero';
import { readAccounts, readFxRates, readPeriods } from './arquero-inputs.js';
import {
  cohortRetention,
  MRR_MONTHLY_COLUMNS,
  monthDate,
  mrrAccountMonths,
  mrrMonthly,
} from './arquero-metrics.js';

const [dataDir, asOf, currency, out] = process.argv.slice(2);
if (!dataDir || !asOf || !currency || !out)
  throw new Error('usage: arquero-child.ts <data> <as_of> <currency> <out>');

const started = performance.now();
const accounts = readAccounts(dataDir, asOf);
const periods = readPeriods(dataDir, accounts, readFxRates(dataDir, currency), currency);
const accountMonths = mrrAccountMonths(periods, accounts.live, asOf);
const monthly = mrrMonthly(accountMonths, accounts.live, asOf);
const cohorts = cohortRetention(accountMonths);
const computed = performance.now();

const columns = (t: ColumnTable, names: string[]) =>
  Object.fromEntries(names.map((n) => [n, t.array(n, Array) as unknown[]]));
writeFileSync(
  out,
  JSON.stringify({
    mrr_account_months: {
      ...columns(accountMonths, ['account_id', 'mrr', 'prev_mrr', 'mrr_change', 'movement']),
      month: (accountMonths.array('mi', Array) as number[]).map(monthDate),
    },
    mrr_monthly: {
      ...columns(monthly, ['segment', ...MRR_MONTHLY_COLUMNS]),
      month: (monthly.array('mi', Array) as number[]).map(monthDate),
    },
    cohort_retention: {
      ...columns(cohorts, ['segment', 'months_since', 'cohort_accounts', 'active_accounts', 'mrr']),
      cohort_month: (cohorts.array('first', Array) as number[]).map(monthDate),
    },
    computeSeconds: (computed - started) / 1000,
  }),
);
console.log(
  `arquero: ${accountMonths.numRows()} account-months in ${((computed - started) / 1000).toFixed(2)}s`,
);
