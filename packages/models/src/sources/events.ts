import { defineSource } from '@pulse/core';
import { accountReference } from './account-reference.js';

/** Repeated event_ids are not quarantined: the contract counts them once downstream (stg_events). */
export const eventsSource = defineSource({
  name: 'events',
  required: false,
  description: 'Product usage, one row per tracked event (Segment/Amplitude-style track export).',
  columns: [
    {
      name: 'event_id',
      type: 'id',
      description: 'When present, duplicates of the same event_id are counted once.',
    },
    { name: 'account_id', type: 'id', required: true, description: 'Must exist in accounts.' },
    { name: 'user_id', type: 'id', required: true, description: 'The user, unique within the account.' },
    { name: 'event_name', type: 'string', required: true, description: 'What happened.' },
    { name: 'occurred_at', type: 'timestamp', required: true, description: 'When it happened.' },
  ],
  references: [accountReference],
});
