// The customer-success project with two planted failures, so the report site's banners are exercised on
// a real `pulse build`: renewals_monthly fails a data test (an error-severity expression no row meets), and
// stg_survey_responses fails one too, so the marts built on it (nps_monthly, csat_monthly, health_scores)
// are skipped. Used through PULSE_PROJECT by test/support/site-fixtures.ts.
import { expression } from '@pulse/core';
import { project } from '@pulse/models';

export const FAILED_MART = 'renewals_monthly';
export const FAILED_UPSTREAM = 'stg_survey_responses';
export const SKIPPED_MART = 'nps_monthly';

const failing = (name: string) => expression('false', { name: `planted_failure_${name}` });

export default {
  ...project,
  models: project.models.map((model) =>
    model.name === FAILED_MART || model.name === FAILED_UPSTREAM
      ? { ...model, tests: [...(model.tests ?? []), failing(model.name)] }
      : model,
  ),
};
