import { asDouble, countOrZero, countWhere, defineModel, expression } from '@pulse/core';
import { z } from 'zod';
import type { PulseVars } from '../config.js';
import { intAccountSegments, reportingSegments } from '../intermediate/int_account_segments.js';
import { stgSurveyResponses } from '../staging/stg_survey_responses.js';
import { allRowIsSumOfParts } from './all-row-is-sum-of-parts.js';
import { surveyMonths } from './survey-months.js';

export const npsMonthly = defineModel({
  name: 'nps_monthly',
  layer: 'marts',
  materialized: 'table',
  description:
    'Net Promoter Score per month and segment (plus `all`), from the first month with an NPS response to the as-of month.',
  grain: ['month', 'segment'],
  columns: z.object({
    month: z.iso.date().describe('Calendar month of the responses (first day, UTC).'),
    segment: z.string().describe('Customer segment, or `all` for every account.'),
    responses: z.int().describe('NPS responses given in the month.'),
    promoters: z.int().describe('Responses scoring 9 or 10.'),
    passives: z.int().describe('Responses scoring 7 or 8.'),
    detractors: z.int().describe('Responses scoring 0 to 6.'),
    nps: z
      .number()
      .nullable()
      .describe(
        'Net Promoter Score, −100 to 100: 100 × (promoters − detractors) / responses. Empty in a month without responses.',
      ),
  }),
  tests: [
    allRowIsSumOfParts('nps_monthly', ['month'], 'segment', [
      'responses',
      'promoters',
      'passives',
      'detractors',
    ]),
    expression('nps is null or nps between -100 and 100', { name: 'nps_monthly_nps_in_range' }),
    expression('responses = promoters + passives + detractors'),
  ],
  inputs: [intAccountSegments, stgSurveyResponses],
  build: (db, { vars }: { vars: PulseVars }) =>
    db
      .with('months', surveyMonths('nps', vars.asOf))
      .with('answers', (qb) =>
        qb
          .selectFrom('stg_survey_responses as r')
          .innerJoin('int_account_segments as s', 's.account_id', 'r.account_id')
          .select((eb) => [
            'r.response_month as month',
            's.segment',
            eb.fn.countAll<number>().as('responses'),
            countWhere(eb, eb('r.score', '>=', eb.lit(9))).as('promoters'),
            countWhere(eb, eb.between('r.score', eb.lit(7), eb.lit(8))).as('passives'),
            countWhere(eb, eb('r.score', '<=', eb.lit(6))).as('detractors'),
          ])
          .where('r.survey', '=', 'nps')
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
        countOrZero(eb, 'a.promoters').as('promoters'),
        countOrZero(eb, 'a.passives').as('passives'),
        countOrZero(eb, 'a.detractors').as('detractors'),
        // No nullif: a month without responses has null counts, so the score is null already.
        eb(
          eb(eb.lit<number>(100), '*', asDouble(eb('a.promoters', '-', eb.ref('a.detractors')))),
          '/',
          eb.ref('a.responses'),
        ).as('nps'),
      ]),
});
