import { acceptedValues, defineModel } from '@pulse/core';
import { z } from 'zod';
import { stgSurveyResponses } from '../staging/stg_survey_responses.js';

/** The responses behind `nps_monthly` and `csat_monthly`, one per row, with their comments, for an account's page. */
export const accountSurveyResponses = defineModel({
  name: 'account_survey_responses',
  layer: 'marts',
  materialized: 'table',
  description:
    'Every NPS and CSAT survey response given by the as-of date (each response once), with its account, score, category and comment.',
  grain: ['response_id'],
  columns: z.object({
    response_id: z.string().describe('Survey response identifier.'),
    account_id: z.string().describe('Account of the respondent.'),
    user_id: z.string().nullable().describe('Respondent, when the survey tool recorded one.'),
    survey: z.string().describe('`nps` (score 0–10) or `csat` (score 1–5).'),
    score: z.int().describe('The answer: 0–10 for NPS, 1–5 for CSAT.'),
    category: z
      .string()
      .describe(
        'For NPS `promoter` (9–10), `passive` (7–8) or `detractor` (0–6); for CSAT `satisfied` (4–5) or `unsatisfied` (1–3).',
      ),
    responded_at: z.date().describe('When the answer was given (UTC).'),
    comment: z.string().nullable().describe('Free-text comment left with the score.'),
  }),
  tests: [acceptedValues('category', ['promoter', 'passive', 'detractor', 'satisfied', 'unsatisfied'])],
  inputs: [stgSurveyResponses],
  build: (db) =>
    db.selectFrom('stg_survey_responses').select((eb) => [
      'response_id',
      'account_id',
      'user_id',
      'survey',
      'score',
      eb
        .case()
        .when(eb.and([eb('survey', '=', 'nps'), eb('score', '>=', 9)]))
        .then('promoter')
        .when(eb.and([eb('survey', '=', 'nps'), eb('score', '>=', 7)]))
        .then('passive')
        .when(eb('survey', '=', 'nps'))
        .then('detractor')
        .when(eb('score', '>=', 4))
        .then('satisfied')
        .else('unsatisfied')
        .end()
        .as('category'),
      'responded_at',
      'comment',
    ]),
});
