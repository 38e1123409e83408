import type { AnyModel } from '@pulse/core';
import { intAccountDailyActivity } from './intermediate/int_account_daily_activity.js';
import { accountPages } from './marts/account_pages.js';
import { accountSurveyResponses } from './marts/account_survey_responses.js';
import { accountTickets } from './marts/account_tickets.js';
import { csatMonthly } from './marts/csat_monthly.js';
import { engagementAccountMonths } from './marts/engagement_account_months.js';
import { engagementMonthly } from './marts/engagement_monthly.js';
import { healthScores } from './marts/health_scores.js';
import { npsMonthly } from './marts/nps_monthly.js';
import { renewalsUpcoming } from './marts/renewals_upcoming.js';
import { supportMonthly } from './marts/support_monthly.js';
import { ttvAccounts } from './marts/ttv_accounts.js';
import { ttvCohorts } from './marts/ttv_cohorts.js';
import { stgEvents } from './staging/stg_events.js';
import { stgSurveyResponses } from './staging/stg_survey_responses.js';
import { stgTickets } from './staging/stg_tickets.js';

/**
 * The customer-success models (events, tickets, surveys, health). They read stg_accounts,
 * int_account_segments, int_optional_sources, int_renewal_dates and mrr_account_months from the revenue models.
 */
export const customerModels: AnyModel[] = [
  stgEvents,
  stgTickets,
  stgSurveyResponses,
  intAccountDailyActivity,
  engagementAccountMonths,
  engagementMonthly,
  ttvAccounts,
  ttvCohorts,
  npsMonthly,
  csatMonthly,
  supportMonthly,
  healthScores,
  renewalsUpcoming,
  accountPages,
  accountTickets,
  accountSurveyResponses,
];
