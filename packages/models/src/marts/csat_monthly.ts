import { asDouble, countOrZero, countWhere, defineModel, expression } from '@pulse/core';
import { z } from 'zod';
import type { PulseVars } from '../config.js';
import { intAccountSegments, reportingSegments } from '../intermediate/int_account_segments.js';
import { stgSurveyResponses } from '../staging/stg_survey_responses.js';
import { allRowIsSumOfParts } from './all-row-is-sum-of-parts.js';
import { surveyMonths } from './survey-months.js';

export const csatMonthly = defineModel({
  name: 'csat_monthly',
  layer: 'marts',
  materialized: 'table',
  description:
    'Customer satisfaction (CSAT) per month and segment (plus `all`), from the first month with a CSAT response to the as-of month.',
  grain: ['month', 'segment'],
  columns: z.object({
    month: z.iso.date().describe('Calendar month of the responses (first day, UTC).'),
    segment: z.string().describe('Customer segment, or `all` for every account.'),
    responses: z.int().describe('CSAT responses given in the month.'),
    satisfied: z.int().describe('Responses scoring 4 or 5 (satisfied or very satisfied).'),
    csat: z
      .number()
      .nullable()
      .describe('CSAT, 0 to 100: 100 × satisfied / responses. Empty in a month without responses.'),
  }),
  tests: [
    allRowIsSumOfParts('csat_monthly', ['month'], 'segment', ['responses', 'satisfied']),
    expression('csat is null or csat between 0 and 100', { name: 'csat_monthly_csat_in_range' }),
    expression('satisfied <= responses'),
  ],
  inputs: [intAccountSegments, stgSurveyResponses],
  build: (db, { vars }: { vars: PulseVars }) =>
    db
      .with('months', surveyMonths('csat', vars.asOf))
      .with('answers', (qb) =>
        qb
          .selectFrom('stg_survey_responses as r')
          .innerJoin('int_account_segments as s', 's.account_id', 'r.account_id')
          .select((eb) => [
            'r.response_month as month',
            's.segment',
            eb.fn.countAll<number>().as('responses'),
            countWhere(eb, eb('r.score', '>=', eb.lit(4))).as('satisfied'),
          ])
          .where('r.survey', '=', 'csat')
          .groupBy(['r.response_month', 's.segment']),
      )
      .selectFrom('months as m')
      .crossJoin(reportingSegments(db).as('g'))
      .leftJoin('answers as a', (join) =>
        join.onRef('a.month', '=', 'm.month').onRef('a.segment', '=', 'g.segment'),
      )
      .select((eb) => [
        'm.month',
        'g.segment',
        countOrZero(eb, 'a.responses').as('responses'),
        countOrZero(eb, 'a.satisfied').as('satisfied'),
        // No nullif: a month without responses has a null count, so the share is null already.
        eb(eb(eb.lit<number>(100), '*', asDouble(eb.ref('a.satisfied'))), '/', eb.ref('a.responses')).as(
          'csat',
        ),
      ]),
});
