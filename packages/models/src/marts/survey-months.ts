import { type DatabaseOf, dateValue, truncateToMonth, unnestMonths } from '@pulse/core';
import type { QueryCreator } from 'kysely';
import type { stgSurveyResponses } from '../staging/stg_survey_responses.js';

/**
 * G3 for the survey marts: every month from the first month with a response of this survey type to the
 * as-of month, with no gaps. Used as the `months` CTE of nps_monthly and csat_monthly.
 */
export function surveyMonths(survey: 'nps' | 'csat', asOf: string) {
  return <DB extends DatabaseOf<[typeof stgSurveyResponses]>>(qb: QueryCreator<DB>) =>
    (qb as unknown as QueryCreator<DatabaseOf<[typeof stgSurveyResponses]>>)
      .selectFrom('stg_survey_responses')
      .select((eb) =>
        unnestMonths(eb.fn.min('response_month'), truncateToMonth(eb, dateValue(asOf))).as('month'),
      )
      .where('survey', '=', survey);
}
