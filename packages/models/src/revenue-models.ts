import type { AnyModel } from '@pulse/core';
import { intAccountMonths } from './intermediate/int_account_months.js';
import { intAccountSegments } from './intermediate/int_account_segments.js';
import { intChannels } from './intermediate/int_channels.js';
import { intMonthSpine } from './intermediate/int_month_spine.js';
import { intOptionalSources } from './intermediate/int_optional_sources.js';
import { intRenewalDates } from './intermediate/int_renewal_dates.js';
import { cacMonthly } from './marts/cac_monthly.js';
import { clvMonthly } from './marts/clv_monthly.js';
import { cohortRetention } from './marts/cohort_retention.js';
import { mrrAccountMonths } from './marts/mrr_account_months.js';
import { mrrMonthly } from './marts/mrr_monthly.js';
import { mrrMovers } from './marts/mrr_movers.js';
import { renewals } from './marts/renewals.js';
import { renewalsMonthly } from './marts/renewals_monthly.js';
import { stgAccounts } from './staging/stg_accounts.js';
import { stgFxRates } from './staging/stg_fx_rates.js';
import { stgInvoices } from './staging/stg_invoices.js';
import { stgSpend } from './staging/stg_spend.js';
import { stgSubscriptions } from './staging/stg_subscriptions.js';

/** The revenue side of the project: subscriptions, invoices and spend up to the MRR, retention, CLV, CAC and renewal marts. */
export const revenueModels: AnyModel[] = [
  stgAccounts,
  stgFxRates,
  stgSubscriptions,
  stgInvoices,
  stgSpend,
  intOptionalSources,
  intMonthSpine,
  intAccountMonths,
  intAccountSegments,
  intChannels,
  intRenewalDates,
  mrrAccountMonths,
  mrrMonthly,
  mrrMovers,
  cohortRetention,
  clvMonthly,
  cacMonthly,
  renewals,
  renewalsMonthly,
];
