import { acceptedValues, dateValue, defineModel, endOfDay, monthStart } from '@pulse/core';
import { z } from 'zod';
import type { PulseVars } from '../config.js';
import { rawSurveyResponses } from '../sources/raw-tables.js';
import { asOfBoundMonths, inMonths } from './as-of-partitions.js';
import { stgAccounts } from './stg_accounts.js';

/**
 * NPS and CSAT answers given by the end of the as_of day. A response_id seen twice is one answer: the
 * first in file order, the same copy ingestion keeps.
 */
export const stgSurveyResponses = defineModel({
  name: 'stg_survey_responses',
  layer: 'staging',
  materialized: 'table',
  description:
    'One row per NPS or CSAT survey response given by the end of the as_of day, for accounts that exist by then.',
  grain: ['response_id'],
  columns: z.object({
    response_id: z.string().describe('Survey response identifier.'),
    account_id: z.string().describe('Account of the respondent.'),
    user_id: z.string().nullable().describe('Respondent, when the survey tool recorded one.'),
    survey: z.string().describe('`nps` (score 0–10) or `csat` (score 1–5).'),
    score: z.int().describe('The answer: 0–10 for NPS, 1–5 for CSAT.'),
    responded_at: z.date().describe('When the answer was given (UTC).'),
    response_month: z.iso.date().describe('First day of the UTC month of responded_at.'),
    comment: z.string().nullable().describe('Free-text comment left with the score.'),
  }),
  tests: [acceptedValues('survey', ['nps', 'csat'])],
  // A refresh rebuilds only the months of the answers that as_of, or an account that came or went, lets in
  // or out (as-of-partitions.ts); a changed survey file rebuilds it whole. The first copy of an id is
  // chosen among all rows before the months are picked, so a month rebuilt alone keeps the same copies.
  partitionBy: {
    column: 'response_month',
    changed: asOfBoundMonths({
      source: 'survey_responses',
      monthOf: 'responded_at',
      knownBy: ['responded_at'],
      otherInputs: [],
    }),
  },
  inputs: [stgAccounts, rawSurveyResponses],
  build: (db, { vars, partitions }: { vars: PulseVars; partitions?: readonly string[] }) =>
    db
      .with('response_copies', (qb) =>
        qb
          .selectFrom('raw.survey_responses')
          .selectAll()
          .select((eb) =>
            eb.fn
              .agg<number>('row_number')
              .over((ob) => ob.partitionBy('response_id').orderBy('_file').orderBy('_line'))
              .as('copy_number'),
          ),
      )
      .selectFrom('response_copies as r')
      .innerJoin('stg_accounts as a', 'a.account_id', 'r.account_id')
      .select((eb) => [
        'r.response_id',
        'r.account_id',
        'r.user_id',
        'r.survey',
        'r.score',
        'r.responded_at',
        monthStart(eb, 'r.responded_at').as('response_month'),
        'r.comment',
      ])
      .where('r.copy_number', '=', 1)
      .where('r.responded_at', '<', endOfDay(dateValue(vars.asOf)))
      .$if(partitions !== undefined, (q) => q.where(inMonths('r.responded_at', partitions!))),
});
