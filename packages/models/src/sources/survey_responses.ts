import { defineSource, sqlString } from '@pulse/core';
import { accountReference } from './account-reference.js';

export const surveyResponsesSource = defineSource({
  name: 'survey_responses',
  required: false,
  description: 'One row per NPS or CSAT survey answer.',
  columns: [
    { name: 'response_id', type: 'id', required: true, description: 'Unique.' },
    { name: 'account_id', type: 'id', required: true, description: 'Must exist in accounts.' },
    { name: 'user_id', type: 'id', description: 'Who answered.' },
    { name: 'survey', type: { enum: ['nps', 'csat'] }, required: true, description: 'Which survey.' },
    {
      name: 'score',
      type: 'integer',
      required: true,
      description: '0–10 for nps, 1–5 for csat.',
    },
    { name: 'responded_at', type: 'timestamp', required: true, description: 'When the answer was given.' },
    { name: 'comment', type: 'string', description: 'Free text.' },
  ],
  uniqueKeys: [['response_id']],
  references: [accountReference],
  checks: [
    {
      reasonCode: 'out_of_range',
      column: 'score',
      description: 'The score is on its survey scale: 0–10 for nps, 1–5 for csat.',
      failsWhen: () =>
        `case survey when 'nps' then score not between 0 and 10 when 'csat' then score not between 1 and 5 end`,
      reason: ({ label }) =>
        `${sqlString(`${label('score')} `)} || score || ' is outside the ' || survey || ' scale ' || case survey when 'nps' then '0-10' else '1-5' end`,
    },
  ],
});
