import { describe, expect, it } from 'vitest';
import {
  CANONICAL_ACCOUNTS,
  CANONICAL_SUBSCRIPTIONS,
  withConfigIngested,
} from './support/ingest-with-config.js';

// Fivetran writes Zendesk's tables into the customer's warehouse, and a CSV of them carries the
// warehouse's default timestamp spelling: BigQuery's `2026-03-01 10:00:00 UTC`, Snowflake's
// `2026-03-01 10:00:00.000 +0000`. Both Fivetran layouts read them, as the Segment warehouse layout does.

const EXPECTED = [
  { ticket_id: '1', created_at: '2026-03-01 10:00:00' },
  { ticket_id: '2', created_at: '2026-03-01 09:00:00' },
  { ticket_id: '3', created_at: '2026-03-01 10:00:00' },
];

describe('presets.zendesk Fivetran layouts: the warehouses’ default timestamp spellings', () => {
  it('fivetran (the ticket table)', async () => {
    // Before: rows 1 and 2 were quarantined as "not an ISO 8601 timestamp".
    const csv = [
      'id,organization_id,status,priority,via_channel,created_at',
      '1,A1,closed,high,email,2026-03-01 10:00:00 UTC',
      '2,A1,solved,urgent,web,2026-03-01 10:00:00.000 +0100',
      '3,A1,open,,api,2026-03-01T10:00:00Z',
    ].join('\n');
    await withConfigIngested(
      {
        'accounts.csv': CANONICAL_ACCOUNTS,
        'subscriptions.csv': CANONICAL_SUBSCRIPTIONS,
        'zendesk/ticket.csv': `${csv}\n`,
      },
      { presets: { zendesk: {} } },
      async ({ raw, quarantine }) => {
        expect(await quarantine('tickets')).toEqual([]);
        expect(await raw('tickets', 'ticket_id, created_at::varchar as created_at')).toEqual(EXPECTED);
      },
    );
  });

  it('fivetran_metrics (dbt_zendesk ticket metrics), created and solved times', async () => {
    const csv = [
      'ticket_id,organization_id,status,priority,created_channel,created_at,first_solved_at,last_solved_at',
      '1,A1,closed,high,email,2026-03-01 10:00:00 UTC,,2026-03-02 10:00:00.123456 UTC',
      '2,A1,solved,urgent,web,2026-03-01 10:00:00.000 +0100,,2026-03-02 10:00:00 +0000',
      '3,A1,open,,api,2026-03-01T10:00:00Z,,',
    ].join('\n');
    await withConfigIngested(
      {
        'accounts.csv': CANONICAL_ACCOUNTS,
        'subscriptions.csv': CANONICAL_SUBSCRIPTIONS,
        'zendesk/zendesk__ticket_metrics.csv': `${csv}\n`,
      },
      { presets: { zendesk: { layout: 'fivetran_metrics' } } },
      async ({ raw, quarantine }) => {
        expect(await quarantine('tickets')).toEqual([]);
        expect(
          await raw(
            'tickets',
            'ticket_id, created_at::varchar as created_at, resolved_at::varchar as resolved_at',
          ),
        ).toEqual([
          { ...EXPECTED[0], resolved_at: '2026-03-02 10:00:00.123456' },
          { ...EXPECTED[1], resolved_at: '2026-03-02 10:00:00' },
          { ...EXPECTED[2], resolved_at: null },
        ]);
      },
    );
  });
});
