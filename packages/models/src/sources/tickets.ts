import { defineSource, isoTimestampText, type RowCheck, sqlString } from '@pulse/core';
import { accountReference } from './account-reference.js';
import type { SourceConfig } from './source-config.js';

/** `bad_order`: a ticket cannot be answered or resolved before it was created. */
function notBeforeCreation(column: 'first_response_at' | 'resolved_at'): RowCheck<SourceConfig> {
  return {
    reasonCode: 'bad_order',
    column,
    description: `${column} is not before created_at.`,
    failsWhen: () => `${column} < created_at`,
    reason: ({ label }) =>
      `${sqlString(`${label(column)} `)} || ${isoTimestampText(column)} || ${sqlString(` is before ${label('created_at')} `)} || ${isoTimestampText('created_at')}`,
  };
}

export const ticketsSource = defineSource({
  name: 'tickets',
  required: false,
  description: 'One row per support ticket.',
  columns: [
    { name: 'ticket_id', type: 'id', required: true, description: 'Unique.' },
    { name: 'account_id', type: 'id', required: true, description: 'Must exist in accounts.' },
    { name: 'created_at', type: 'timestamp', required: true, description: 'When the ticket was opened.' },
    { name: 'first_response_at', type: 'timestamp', description: 'First answer by support.' },
    { name: 'resolved_at', type: 'timestamp', description: 'Empty while not resolved yet.' },
    {
      name: 'priority',
      type: { enum: ['low', 'normal', 'high', 'urgent'] },
      default: 'normal',
      description: 'Default normal.',
    },
    { name: 'channel', type: 'string', description: 'Where the ticket came from (email, chat…).' },
  ],
  uniqueKeys: [['ticket_id']],
  references: [accountReference],
  checks: [notBeforeCreation('first_response_at'), notBeforeCreation('resolved_at')],
});
